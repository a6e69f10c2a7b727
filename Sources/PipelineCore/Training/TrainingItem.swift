import Foundation

/// The kinds of training data an NL2SQL app retrieves (API.md §2.9).
public enum TrainingDataType: String, Codable, Sendable, CaseIterable {
    case sql
    case ddl
    case documentation
    case errorSQL = "error_sql"

    /// The id suffix the predecessor used (`<uuid>-sql`, `-ddl`, `-doc`, `-error_sql`); kept so ids look familiar.
    public var idSuffix: String {
        switch self {
        case .sql: return "sql"
        case .ddl: return "ddl"
        case .documentation: return "doc"
        case .errorSQL: return "error_sql"
        }
    }
}

/// One item of the training-data store.
public struct TrainingItem: Sendable, Equatable {
    /// Derived from type, question and content (`TrainingItem.contentID`): loading the same item twice keeps one copy.
    public var id: String
    public var type: TrainingDataType
    /// The question of a `sql` or `error_sql` item; nil for `ddl` and `documentation`.
    public var question: String?
    /// The SQL of a pair, the DDL text, or the documentation chunk.
    public var content: String
    /// The tables the item is about (`schema.table` as in the table list); used to replace one table's items alone.
    public var tables: [String]
    /// The task that loaded it; nil for items created through the API.
    public var taskID: String?
    /// The business database the item documents (the loading task's `db_name`); nil when unknown (items stored
    /// before migration 7, or created through the API without one). Not part of the id.
    public var dbName: String?
    public var createdAt: Date?

    public init(type: TrainingDataType, question: String?, content: String, tables: [String] = [],
                taskID: String? = nil, dbName: String? = nil, createdAt: Date? = nil) {
        self.id = Self.contentID(type: type, question: question, content: content)
        self.type = type
        self.question = question
        self.content = content
        self.tables = tables
        self.taskID = taskID
        self.dbName = dbName
        self.createdAt = createdAt
    }

    /// `<32 hex digits of SHA-256 over type, question and content>-<suffix>`.
    public static func contentID(type: TrainingDataType, question: String?, content: String) -> String {
        let digest = SHA256.hex(Data("\(type.rawValue)\u{0}\(question ?? "")\u{0}\(content)".utf8))
        return "\(digest.prefix(32))-\(type.idSuffix)"
    }

    /// The text that is embedded: question and SQL for pairs (what a user's question resembles), else the content.
    public var embeddingText: String {
        guard let question, !question.isEmpty else { return content }
        return "\(question)\n\(content)"
    }
}

/// An item with its vector, ready to store.
public struct EmbeddedTrainingItem: Sendable {
    public var item: TrainingItem
    public var vector: [Float]

    public init(item: TrainingItem, vector: [Float]) {
        self.item = item
        self.vector = vector
    }
}

/// A search hit: the item and its cosine similarity to the question, and (when asked) why it matched.
public struct ScoredTrainingItem: Sendable {
    public var item: TrainingItem
    public var score: Float
    public var explanation: TrainingSearchExplanation?

    public init(item: TrainingItem, score: Float, explanation: TrainingSearchExplanation? = nil) {
        self.item = item
        self.score = score
        self.explanation = explanation
    }
}
