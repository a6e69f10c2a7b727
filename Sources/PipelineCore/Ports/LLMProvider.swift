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

/// The language model behind the pipeline's writing tasks. `BuiltinLLM` answers offline and deterministically;
/// an OpenAI-compatible adapter calls a real model. Implementations are thread-safe.
public protocol LLMProvider: Sendable {
    /// A short name for logs and results (`builtin`, `openai:qwen-plus`).
    var name: String { get }
    /// Chinese comments for the table and the columns that lack one.
    func generateComments(_ request: TableCommentRequest) throws -> GeneratedComments
}
