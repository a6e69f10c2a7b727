/// A business theme of step 2: a name, what it covers, and the tables, entities and metrics it is about.
///
/// Encoded with the wire names of the predecessor's theme JSON (`topic_name`, `related_tables`, …), which is also what
/// `metadata.txt` and `metadata_detail.md` are built from.
public struct AnalysisTheme: Codable, Sendable, Equatable {
    public var name: String
    public var description: String
    /// Tables as the documents name them: `table` for the public schema, `schema.table` otherwise.
    public var relatedTables: [String]
    public var entities: [String]
    public var metrics: [String]

    public init(name: String, description: String, relatedTables: [String], entities: [String], metrics: [String]) {
        self.name = name
        self.description = description
        self.relatedTables = relatedTables
        self.entities = entities
        self.metrics = metrics
    }

    enum CodingKeys: String, CodingKey {
        case name = "topic_name", description, relatedTables = "related_tables"
        case entities = "biz_entities", metrics = "biz_metrics"
    }
}

/// How hard a generated question is, kept in the pair file as `difficulty` (FORMATS.md §3: extra keys are allowed).
public enum QuestionDifficulty: String, Codable, Sendable, CaseIterable {
    case easy, medium, hard
}

/// One question–SQL pair as the pair file holds it. `question` and `sql` are the contract; the rest is optional.
public struct QuestionSQLPair: Codable, Sendable, Equatable {
    public var question: String
    public var sql: String
    public var theme: String?
    public var tables: [String]?
    public var difficulty: QuestionDifficulty?

    public init(question: String, sql: String, theme: String? = nil, tables: [String]? = nil,
                difficulty: QuestionDifficulty? = nil) {
        self.question = question
        self.sql = sql
        self.theme = theme
        self.tables = tables
        self.difficulty = difficulty
    }
}
