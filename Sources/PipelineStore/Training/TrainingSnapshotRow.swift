import PipelineCore
import Postgres

/// One `training_items` row as the search index reads it, for a full load and for an incremental update alike (so
/// both see exactly the same rows): its decoded vector, its text and its scope.
struct TrainingSnapshotRow {
    let id: String
    let type: TrainingDataType
    let vector: [Float]
    let question: String?
    let content: String
    /// The databases of the tasks owning it, else its own `db_name`; empty when it has neither.
    let databases: [String]
    let tasks: [String]
    let tables: [String]

    /// The rows among `ids` of the model `$2` and dimension `$3` (rows of another length cannot be compared: the
    /// store never writes them, direct SQL could), in byte order of their ids (`COLLATE "C"`, the order the index
    /// keeps its rows in: the same on every server whatever its locale). An item's databases are those of the tasks
    /// owning it, else its own `db_name` (migration 7).
    static let query: StaticString = """
        SELECT i.id, i.training_data_type, encode(i.embedding, 'hex') AS embedding, i.question, i.content,
               i.task_ids, i.db_name, i.tables,
               ARRAY(SELECT DISTINCT t.db_name::text FROM data_pipeline_tasks t
                     WHERE t.task_id = ANY(i.task_ids) AND t.db_name IS NOT NULL
                     ORDER BY 1) AS owner_databases
        FROM training_items i
        WHERE i.id = ANY($1::text[]) AND i.embedding_model = $2 AND octet_length(i.embedding) = $3 * 4
        ORDER BY i.id COLLATE "C"
        """

    /// Reads the rows of `ids` (at most a page: the caller pages), skipping rows of an unknown type or an
    /// undecodable vector.
    static func read(ids: [String], model: String, dimension: Int, on connection: PostgresConnection,
                     _ body: (TrainingSnapshotRow) throws -> Void) throws {
        let rows = try connection.query(PostgresQuery(Self.query, [ids, model, dimension]))
        var vector: [Float] = []
        for row in rows {
            vector.removeAll(keepingCapacity: true)
            guard let type = TrainingDataType(rawValue: try row.string("training_data_type")),
                  TrainingVectorCodec.appendDecodedHex(try row.string("embedding"), to: &vector) else {
                continue
            }
            let owners = try row.stringArray("owner_databases")
            let own = try row.optionalString("db_name").map { [$0] } ?? []
            try body(TrainingSnapshotRow(id: try row.string("id"), type: type, vector: vector,
                                         question: try row.optionalString("question"),
                                         content: try row.string("content"), databases: owners.isEmpty ? own : owners,
                                         tasks: try row.stringArray("task_ids"), tables: try row.stringArray("tables")))
        }
    }

    /// The text the lexical index reads: question and content.
    var text: String { question.map { "\($0)\n\(content)" } ?? content }

    /// The database whose glossary labels the row's SQL ("" when it has none).
    var glossaryDatabase: String { databases.first ?? "" }

    /// Pairs and mistakes: their text gains the business words of the tables and columns their SQL names.
    var hasSQL: Bool { type == .sql || type == .errorSQL }

    /// The text with the glossary's words for its SQL, as the lexical index reads it.
    func text(glossaries: [String: SearchGlossary]) -> String {
        hasSQL ? Self.labelled(text, sql: content, glossary: glossaries[glossaryDatabase]) : text
    }

    /// `text` followed by the business words `glossary` has for the tables and columns `sql` names (if any).
    static func labelled(_ text: String, sql: String, glossary: SearchGlossary?) -> String {
        guard let terms = glossary?.terms(forSQL: sql), !terms.isEmpty else { return text }
        return text + "\n" + terms.joined(separator: " ")
    }

    /// Byte order of ids, the order of a snapshot's rows (PostgreSQL's `COLLATE "C"`).
    static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}
