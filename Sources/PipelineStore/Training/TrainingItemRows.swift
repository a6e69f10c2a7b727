import Foundation
import PipelineCore
import Postgres

/// One `training_items` row to insert, with its values already in bindable form.
struct TrainingItemRow {
    var id: String
    var type: TrainingDataType
    var question: String?
    var content: String
    var tables: [String]
    var taskID: String?
    var dbName: String?
    var model: String
    /// `TrainingVectorCodec.hex` of the vector.
    var embeddingHex: String
    /// A `Date` or PostgreSQL timestamp text; nil means now.
    var createdAt: (any PostgresBindable)?

    init(_ embedded: EmbeddedTrainingItem, model: String) {
        let item = embedded.item
        self.init(id: item.id, type: item.type, question: item.question, content: item.content, tables: item.tables,
                  taskID: item.taskID, dbName: item.dbName, model: model,
                  embeddingHex: TrainingVectorCodec.hex(embedded.vector), createdAt: item.createdAt)
    }

    init(id: String, type: TrainingDataType, question: String?, content: String, tables: [String], taskID: String?,
         dbName: String? = nil, model: String, embeddingHex: String, createdAt: (any PostgresBindable)?) {
        self.id = id
        self.type = type
        self.question = question
        self.content = content
        self.tables = tables
        self.taskID = taskID
        self.dbName = dbName
        self.model = model
        self.embeddingHex = embeddingHex
        self.createdAt = createdAt
    }
}

/// The SQL shared by the store's statements about items: batched inserts and decoding rows into `TrainingItem`s.
enum TrainingItemRows {
    /// Rows per INSERT: 10 parameters each, so 1,000 per statement, and about 0.4 MB of hex at dimension 512 — far
    /// below the protocol's 65,535-parameter limit and small enough for the server to parse quickly.
    static let rowsPerStatement = 100

    /// The columns `item(_:)` reads.
    static let itemColumns: TrustedSQL = "id, training_data_type, question, content, tables, task_id, db_name, created_at"

    /// Inserts `rows` in multi-row statements, skipping ids that exist; returns the ids actually inserted.
    static func insert(_ rows: [TrainingItemRow], on connection: PostgresConnection) throws -> [String] {
        var inserted: [String] = []
        var start = 0
        while start < rows.count {
            let batch = rows[start..<min(start + rowsPerStatement, rows.count)]
            let result = try connection.query(statement(for: batch))
            inserted += try result.map { try $0.string("id") }
            start += rowsPerStatement
        }
        return inserted
    }

    /// One `INSERT … VALUES (…), (…) ON CONFLICT (id) DO NOTHING RETURNING id` for `batch`.
    static func statement(for batch: ArraySlice<TrainingItemRow>) -> PostgresQuery {
        let values = batch.map { row -> PostgresQuery in
            """
            (\(row.id), \(row.type.rawValue), \(row.question), \(row.content), \(row.tables)::text[], \(row.taskID), \
            \(row.model), decode(\(row.embeddingHex), 'hex'), COALESCE(\(row.createdAt)::timestamptz, now()), \(row.dbName))
            """
        }
        return """
            INSERT INTO training_items (id, training_data_type, question, content, tables, task_id, embedding_model,
                                        embedding, created_at, db_name)
            VALUES \(PostgresQuery.joined(values, separator: ",\n       "))
            ON CONFLICT (id) DO NOTHING
            RETURNING id
            """
    }

    /// A `TrainingItem` from a row with `itemColumns`; the stored id is kept as is.
    static func item(_ row: PostgresRow) throws -> TrainingItem {
        let typeName = try row.string("training_data_type")
        guard let type = TrainingDataType(rawValue: typeName) else {
            throw PipelineError.internalFailure("training_items has an unknown type \(typeName)")
        }
        var item = TrainingItem(type: type, question: try row.optionalString("question"),
                                content: try row.string("content"), tables: try row.stringArray("tables"),
                                taskID: try row.optionalString("task_id"), dbName: try row.optionalString("db_name"),
                                createdAt: try row.date("created_at"))
        item.id = try row.string("id")
        return item
    }
}
