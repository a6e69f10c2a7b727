import PipelineCore

/// The documentation rows a snapshot's lexical index was built with. Their synonym lines and glossaries shape the
/// tokenizer (words kept whole), the synonym expansion and the text of every pair, so an incremental update may
/// reuse them only while the documentation rows stay exactly these (`TrainingSnapshotUpdate`).
struct TrainingLexicalContext: Sendable {
    struct Documentation: Equatable, Sendable {
        var databases: [String]
        var content: String
    }

    /// Documentation rows by id.
    var documentation: [String: Documentation] = [:]
    /// Per database ("" for rows without one): the glossary of its documentation rows, read in id order.
    var glossaries: [String: SearchGlossary] = [:]
    /// Per database: the synonym groups of its documentation rows, in id order.
    var synonymGroups: [String: [[String]]] = [:]

    /// Reads one documentation row (rows arrive in id order).
    mutating func read(_ row: TrainingSnapshotRow) {
        guard row.type == .documentation else { return }
        documentation[row.id] = Documentation(databases: row.databases, content: row.content)
        let groups = SemanticSynonymLines.groups(in: row.content)
        for database in row.databases.isEmpty ? [""] : row.databases {
            synonymGroups[database, default: []] += groups
            glossaries[database, default: SearchGlossary()].read(documentation: row.content)
        }
    }

    /// An empty lexical index with the tokenizer and expansions of this documentation.
    func lexicalIndex(documents: [String]) -> TrainingLexicalIndex {
        TrainingLexicalIndex(documents: documents, synonymGroups: BusinessSynonyms.groups,
                             databaseGroups: synonymGroups, related: BusinessSynonyms.related,
                             vocabulary: glossaries.keys.sorted().flatMap { glossaries[$0]!.words })
    }
}

/// Collects the rows of a full load (in id order) into a `TrainingVectorSnapshot`.
struct TrainingSnapshotBuilder {
    let dimension: Int
    private var ids: [String] = [], typeBits: [UInt8] = [], codes: [Int8] = [], scales: [Float] = []
    private var scopes = TrainingRowScopes()
    private var context = TrainingLexicalContext()
    /// The rows' plain texts and, for pairs and mistakes, their SQL and glossary database: their glossary words
    /// are added once every documentation row has been read.
    private var texts: [String] = []
    private var sqlRows: [(row: Int, sqlOffset: Int, database: String)] = []

    init(dimension: Int) {
        self.dimension = dimension
    }

    mutating func append(_ row: TrainingSnapshotRow) {
        TrainingVectorSnapshot.quantise(row.vector[...], codes: &codes, scales: &scales)
        ids.append(row.id)
        typeBits.append(TrainingVectorSnapshot.typeBit(row.type))
        texts.append(row.text)
        context.read(row)
        // The SQL is the text after the question (kept as an offset: the content is not held twice).
        if row.hasSQL { sqlRows.append((texts.count - 1, row.question.map { $0.utf8.count + 1 } ?? 0, row.glossaryDatabase)) }
        scopes.append(databases: row.databases, tasks: row.tasks, type: row.type.rawValue, tables: row.tables)
    }

    func snapshot(generation: Int64, model: String) -> TrainingVectorSnapshot {
        var texts = self.texts
        for (row, sqlOffset, database) in sqlRows {
            guard let glossary = context.glossaries[database] else { continue }
            let sql = String(decoding: texts[row].utf8.dropFirst(sqlOffset), as: UTF8.self)
            texts[row] = TrainingSnapshotRow.labelled(texts[row], sql: sql, glossary: glossary)
        }
        return TrainingVectorSnapshot(generation: generation, model: model, dimension: dimension, ids: ids,
                                      typeBits: typeBits, codes: codes, scales: scales,
                                      lexical: context.lexicalIndex(documents: texts), scopes: scopes,
                                      context: context)
    }
}
