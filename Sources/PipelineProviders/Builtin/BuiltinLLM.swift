import PipelineCore

/// The offline comment writer: deterministic Chinese comments from table and column names, a glossary of common
/// English words, abbreviations and pinyin initials, the column's type category and its foreign key.
///
/// Pure and stateless (no I/O, no randomness), so it is thread-safe and the same table always gets the same
/// comments. It never answers with an apology: every column without a comment gets a non-empty one.
public struct BuiltinLLM: LLMProvider {
    public let name = "builtin"

    public init() {}

    /// A table comment when the table has none, and a comment for every column without one (keyed by column name).
    public func generateComments(_ request: TableCommentRequest) throws -> GeneratedComments {
        let table = request.table
        let tableComment = BuiltinLLM.hasComment(table.comment, table.existingComment)
            ? nil
            : TableCommentWriter.comment(for: table, businessContext: request.businessContext)
        var columnComments: [String: String] = [:]
        for column in table.columns where !BuiltinLLM.hasComment(column.comment, column.existingComment) {
            columnComments[column.name] = ColumnCommentWriter.comment(for: column, in: table,
                                                                       businessContext: request.businessContext)
        }
        return GeneratedComments(tableComment: tableComment, columnComments: columnComments)
    }

    private static func hasComment(_ comments: String?...) -> Bool {
        comments.contains { CommentText.clean($0) != nil }
    }
}
