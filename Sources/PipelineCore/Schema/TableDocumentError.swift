/// Why a step-1 table file could not be read back (`TableDocumentReader`); the message is user-facing Chinese.
public struct TableDocumentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, without the line.
    public let message: String
    /// 1-based line of the DDL file the problem is on, when it is on one.
    public let line: Int?
    /// The offending line as written (trimmed, cut to 80 characters), when there is one.
    public let text: String?

    public init(_ message: String, line: Int? = nil, text: String? = nil) {
        self.message = message
        self.line = line
        self.text = text.map { CommentText.prefix(CommentText.singleLine($0), limit: 80) }
    }

    /// `DDL文件第5行: 无法解析字段定义「id」`, or just the message when no line is concerned.
    public var description: String {
        guard let line else { return message }
        guard let text, !text.isEmpty else { return "DDL文件第\(line)行: \(message)" }
        return "DDL文件第\(line)行: \(message)「\(text)」"
    }
}
