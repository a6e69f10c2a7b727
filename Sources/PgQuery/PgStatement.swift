/// One statement of a parsed text: its node (`{"SelectStmt": {…}}`) and where it is in the text (UTF-8 bytes;
/// the length is nil for the last statement, which runs to the end, comments included).
public struct PgStatement: Sendable {
    public let node: PgNode
    public let location: Int
    public let length: Int?

    init(raw: PgNode) {
        node = raw["stmt"] ?? .null
        location = raw["stmt_location"]?.int ?? 0
        length = raw["stmt_len"]?.int
    }
}

/// One token as PostgreSQL's scanner reads it: its byte range in the text and its kind.
public struct PgToken: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case comment
        /// A single-character token (`(`, `;`, `,`, …): its ASCII code.
        case character(UInt8)
        case keyword
        case other
    }

    public let start: Int
    public let end: Int
    public let kind: Kind
}
