import CPgQuery

/// What the parser refused, in the server's words (`syntax error at or near "FORM"`), with the 1-based byte
/// position it stopped at (0 when unknown).
public struct PgQueryError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public let cursorPosition: Int

    public init(message: String, cursorPosition: Int) {
        self.message = message
        self.cursorPosition = cursorPosition
    }

    init(_ error: PgQueryError_C) {
        message = error.message.map { String(cString: $0) } ?? "syntax error"
        cursorPosition = Int(error.cursorpos)
    }

    public var description: String { message }
}

typealias PgQueryError_C = CPgQuery.PgQueryError
