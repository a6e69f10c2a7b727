import Foundation
import PipelineCore
import Postgres

/// The store's vectors in memory, shared by all threads of the process, kept fresh by
/// `training_store_state.generation` (bumped by triggers whenever `training_items` changes, whoever changes it).
///
/// A search costs one small query for the generation; only when it differs from the cached snapshot's are the
/// vectors read again, by one thread while the others wait for its result. A snapshot is read in one
/// `REPEATABLE READ` transaction, so its generation and its rows always belong together.
final class TrainingSearchIndex: @unchecked Sendable {
    private let lock = NSLock()
    private let reloadLock = NSLock()
    private var cached: TrainingVectorSnapshot?
    /// The `ticket` of the load that produced `cached`.
    private var cachedTicket: UInt64 = 0
    private var nextTicket: UInt64 = 1

    /// The snapshot of the store as of now (at least as new as everything committed before the call).
    func snapshot(on connection: PostgresConnection) throws -> TrainingVectorSnapshot {
        let ticket = takeTicket()
        let generation = try connection.query(PostgresQuery("SELECT generation FROM training_store_state"))
            .first?.int("generation")
        if let current = current(), Int64(generation ?? -1) == current.snapshot.generation {
            return current.snapshot
        }
        reloadLock.lock()
        defer { reloadLock.unlock() }
        // While we waited, another thread may have loaded: good enough if its load started after our generation
        // read did (it saw every commit we could have seen), or if it has our generation.
        if let current = current(),
           current.ticket > ticket || Int64(generation ?? -1) == current.snapshot.generation {
            return current.snapshot
        }
        let loadTicket = takeTicket()
        let fresh = try Self.load(on: connection)
        lock.lock()
        if loadTicket > cachedTicket {
            cached = fresh
            cachedTicket = loadTicket
        }
        lock.unlock()
        return fresh
    }

    private func current() -> (snapshot: TrainingVectorSnapshot, ticket: UInt64)? {
        lock.lock()
        defer { lock.unlock() }
        return cached.map { ($0, cachedTicket) }
    }

    private func takeTicket() -> UInt64 {
        lock.lock()
        defer { lock.unlock() }
        nextTicket += 1
        return nextTicket
    }

    static let loadPage = 1000

    /// The ids of the rows of the model `$1` and dimension `$2`, in id order: rows of another length cannot be
    /// compared (the store never writes them, direct SQL could).
    static let idQuery: StaticString = """
        SELECT id FROM training_items WHERE embedding_model = $1 AND octet_length(embedding) = $2 * 4 ORDER BY id
        """

    /// The rows of the ids `$1`, in id order. An item's databases are those of the tasks owning it, else its own
    /// `db_name` (migration 7).
    static let pageQuery: StaticString = """
        SELECT i.id, i.training_data_type, encode(i.embedding, 'hex') AS embedding, i.question, i.content,
               i.task_ids, i.db_name, i.tables,
               ARRAY(SELECT DISTINCT t.db_name::text FROM data_pipeline_tasks t
                     WHERE t.task_id = ANY(i.task_ids) AND t.db_name IS NOT NULL
                     ORDER BY 1) AS owner_databases
        FROM training_items i
        WHERE i.id = ANY($1::text[])
        ORDER BY i.id
        """

    /// Reads the generation and every vector of the recorded model and dimension in one snapshot of the database.
    static func load(on connection: PostgresConnection) throws -> TrainingVectorSnapshot {
        try connection.transaction { connection in
            try connection.execute(PostgresQuery("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"))
            guard let state = try connection.query(PostgresQuery(
                "SELECT generation, embedding_model, dimension FROM training_store_state")).first else {
                throw PipelineError.internalFailure("training_store_state has no row (migration 4 not applied?)")
            }
            let generation = Int64(try state.int("generation"))
            guard let model = try state.optionalString("embedding_model"),
                  let dimension = try state.optionalInt("dimension") else {
                return TrainingVectorSnapshot(generation: generation, model: nil, dimension: 0, ids: [], typeBits: [],
                                              codes: [], scales: [])
            }
            var ids: [String] = [], typeBits: [UInt8] = [], codes: [Int8] = [], scales: [Float] = []
            var texts: [String] = [], vector: [Float] = []
            var scopes = TrainingRowScopes()
            var databaseSynonyms: [String: [[String]]] = [:]
            // Each row's first database ("" when it has none) and, for pairs and mistakes, its SQL: their text gains
            // the business words of the tables and columns the SQL names, from that database's documentation.
            var rowDatabase: [String] = [], pairRows: [(row: Int, sqlOffset: Int)] = []
            var glossaries: [String: SearchGlossary] = [:]
            vector.reserveCapacity(dimension)
            // In pages of `loadPage` rows by id (the ids first, all in this one snapshot of the database), so the
            // text of the whole store is never in memory at once: at 100,000 rows of dimension 512 the hex alone is
            // 400 MB. Pages by primary key, not OFFSET or `id > last`: the planner may sort the table for each.
            let allIDs = try connection.query(PostgresQuery(Self.idQuery, [model, dimension]))
                .map { try $0.string("id") }
            for start in stride(from: 0, to: allIDs.count, by: Self.loadPage) {
                let page = Array(allIDs[start..<min(start + Self.loadPage, allIDs.count)])
                let rows = try connection.query(PostgresQuery(Self.pageQuery, [page]))
                for row in rows {
                    vector.removeAll(keepingCapacity: true)
                    guard let type = TrainingDataType(rawValue: try row.string("training_data_type")),
                          TrainingVectorCodec.appendDecodedHex(try row.string("embedding"), to: &vector) else {
                        continue
                    }
                    TrainingVectorSnapshot.quantise(vector[...], codes: &codes, scales: &scales)
                    ids.append(try row.string("id"))
                    typeBits.append(TrainingVectorSnapshot.typeBit(type))
                    let content = try row.string("content")
                    let question = try row.optionalString("question")
                    texts.append(question.map { "\($0)\n\(content)" } ?? content)
                    let owners = try row.stringArray("owner_databases")
                    let own = try row.optionalString("db_name").map { [$0] } ?? []
                    let databases = owners.isEmpty ? own : owners
                    rowDatabase.append(databases.first ?? "")
                    if type == .documentation {
                        let groups = SemanticSynonymLines.groups(in: content)
                        for database in databases.isEmpty ? [""] : databases {
                            databaseSynonyms[database, default: []] += groups
                            glossaries[database, default: SearchGlossary()].read(documentation: content)
                        }
                    } else if type == .sql || type == .errorSQL {
                        pairRows.append((texts.count - 1, question.map { $0.utf8.count + 1 } ?? 0))
                    }
                    scopes.append(databases: databases, tasks: try row.stringArray("task_ids"), type: type.rawValue,
                                  tables: try row.stringArray("tables"))
                }
            }
            for (row, sqlOffset) in pairRows {
                guard let glossary = glossaries[rowDatabase[row]] else { continue }
                let sql = String(decoding: texts[row].utf8.dropFirst(sqlOffset), as: UTF8.self)
                let terms = glossary.terms(forSQL: sql)
                if !terms.isEmpty { texts[row] += "\n" + terms.joined(separator: " ") }
            }
            let lexical = TrainingLexicalIndex(documents: texts, synonymGroups: BusinessSynonyms.groups,
                                               databaseGroups: databaseSynonyms, related: BusinessSynonyms.related,
                                               vocabulary: glossaries.keys.sorted().flatMap { glossaries[$0]!.words })
            return TrainingVectorSnapshot(generation: generation, model: model, dimension: dimension, ids: ids,
                                          typeBits: typeBits, codes: codes, scales: scales, lexical: lexical,
                                          scopes: scopes)
        }
    }
}
