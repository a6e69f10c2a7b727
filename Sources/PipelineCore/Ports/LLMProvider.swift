/// What a comment generator is asked: one table (sensitive columns carry no samples) and the business context.
public struct TableCommentRequest: Sendable {
    public var table: TableDescription
    public var businessContext: String

    public init(table: TableDescription, businessContext: String) {
        self.table = table
        self.businessContext = businessContext
    }
}

/// Comments proposed for a table; columns are matched by **name** (the predecessor matched by position).
public struct GeneratedComments: Sendable, Equatable {
    public var tableComment: String?
    public var columnComments: [String: String]

    public init(tableComment: String?, columnComments: [String: String]) {
        self.tableComment = tableComment
        self.columnComments = columnComments
    }
}

/// What theme extraction is asked: the documented tables (one group of a large schema) and how many themes.
public struct ThemeRequest: Sendable {
    public var tables: [TableDescription]
    public var businessContext: String
    public var themeCount: Int
    /// The task's semantic model (roles, aggregations, relationships), when step 1 wrote one or the user uploaded it.
    public var semanticModel: SemanticModel?

    public init(tables: [TableDescription], businessContext: String, themeCount: Int, semanticModel: SemanticModel? = nil) {
        self.tables = tables
        self.businessContext = businessContext
        self.themeCount = themeCount
        self.semanticModel = semanticModel
    }
}

/// What pair generation is asked: one theme, the tables it covers, and how many pairs.
public struct PairRequest: Sendable {
    public var theme: AnalysisTheme
    public var tables: [TableDescription]
    public var businessContext: String
    public var pairCount: Int
    /// The task's semantic model: a measure's aggregation there decides how questions aggregate it.
    public var semanticModel: SemanticModel?
    /// Replacement candidates wanted besides the `pairCount` pairs: a provider may return up to `pairCount +
    /// spareCount` pairs, best first; those past `pairCount` stand in for pairs step 3's execution check filters.
    public var spareCount: Int

    public init(theme: AnalysisTheme, tables: [TableDescription], businessContext: String, pairCount: Int,
                semanticModel: SemanticModel? = nil, spareCount: Int = 0) {
        self.theme = theme
        self.tables = tables
        self.businessContext = businessContext
        self.pairCount = pairCount
        self.semanticModel = semanticModel
        self.spareCount = spareCount
    }
}

/// One SQL that failed validation, with what the repairer may need.
public struct SQLRepairItem: Sendable, Equatable {
    public var question: String
    public var sql: String
    public var error: String

    public init(question: String, sql: String, error: String) {
        self.question = question
        self.sql = sql
        self.error = error
    }
}

/// What SQL repair is asked: failed SQLs and the documented tables they may touch.
public struct SQLRepairRequest: Sendable {
    public var items: [SQLRepairItem]
    public var tables: [TableDescription]

    public init(items: [SQLRepairItem], tables: [TableDescription]) {
        self.items = items
        self.tables = tables
    }
}

/// The language model behind the pipeline's writing tasks. `BuiltinLLM` answers offline and deterministically;
/// an OpenAI-compatible adapter calls a real model. Implementations are thread-safe.
public protocol LLMProvider: Sendable {
    /// A short name for logs and results (`builtin`, `openai:qwen-plus`).
    var name: String { get }
    /// Chinese comments for the table and the columns that lack one.
    func generateComments(_ request: TableCommentRequest) throws -> GeneratedComments
    /// Up to `themeCount` analysis themes over the given tables; every related table is one of them.
    func extractThemes(_ request: ThemeRequest) throws -> [AnalysisTheme]
    /// Up to `pairCount` Chinese questions with one PostgreSQL `SELECT` each, using only the given tables.
    func generatePairs(_ request: PairRequest) throws -> [QuestionSQLPair]
    /// One answer per item, in order: the repaired SQL, or nil when the provider declines to repair it.
    func repairSQL(_ request: SQLRepairRequest) throws -> [String?]
    /// The plain-text `db_query_decision_prompt.txt` (FORMATS.md §3) for the chat app's question router.
    func describeDatabase(tables: [TableDescription], themes: [AnalysisTheme], businessContext: String) throws -> String
}
