import PgQuery

/// One SQL text as PostgreSQL's own parser reads it (`PgQuery`): its statements and its tokens, or why it cannot
/// be read. The text is never interpreted any other way.
struct ParsedSQL {
    /// Longer texts are refused before parsing: no query of training data is that long, and the parser's work
    /// (and the tree kept in memory) grows with the text.
    static let maxBytes = 64 * 1024

    let text: String
    let statements: [PgStatement]
    /// The tokens of the statement (comments and a trailing `;` excluded).
    let tokens: [PgToken]

    /// Why a text cannot be read, as a short Chinese reason.
    struct Unreadable: Error {
        let reason: String
    }

    static func read(_ sql: String) throws(Unreadable) -> ParsedSQL {
        guard sql.utf8.count <= maxBytes else { throw Unreadable(reason: "SQL过长（超过\(maxBytes / 1024)KB）") }
        // A C string ends at NUL: the parser and libpq would both see a shorter text than the one checked.
        guard !sql.utf8.contains(0) else { throw Unreadable(reason: "SQL中不能包含空字符") }
        let statements: [PgStatement]
        let all: [PgToken]
        do {
            all = try PgQuery.scan(sql)
            statements = try PgQuery.parse(sql)
        } catch {
            throw Unreadable(reason: reason(for: error))
        }
        var tokens = all.filter { $0.kind != .comment }
        if let only = statements.first, statements.count == 1 {
            // The statement's own range: a trailing `;` (or `;;`) and comments around it are not part of it.
            let end = only.length.map { only.location + $0 } ?? Int.max
            tokens = tokens.filter { $0.start >= only.location && $0.end <= end && $0.kind != .character(59) }
        }
        return ParsedSQL(text: sql, statements: statements, tokens: tokens)
    }

    /// The text from the statement's first to its last token: what can be embedded in another statement
    /// (`EXPLAIN …`, a subquery) without a trailing `--` comment swallowing the rest.
    var statementText: String {
        guard let first = tokens.first, let last = tokens.last else { return "" }
        let bytes = Array(text.utf8)
        guard first.start <= last.end, last.end <= bytes.count else { return text }
        return String(decoding: bytes[first.start..<last.end], as: UTF8.self)
    }

    /// The first word of the statement after any opening parentheses, upper-cased (`SELECT`, `WITH`, `VALUES`).
    var leadingWord: String {
        guard let token = tokens.first(where: { $0.kind != .character(UInt8(ascii: "(")) }) else { return "" }
        let bytes = Array(text.utf8)
        guard token.end <= bytes.count else { return "" }
        return String(decoding: bytes[token.start..<token.end], as: UTF8.self).uppercased()
    }

    private static func reason(for error: PgQueryError) -> String {
        let message = error.message
        if message.hasPrefix("unterminated quoted string") { return "SQL中有未闭合的字符串" }
        if message.hasPrefix("unterminated quoted identifier") { return "SQL中有未闭合的双引号标识符" }
        if message.hasPrefix("unterminated dollar-quoted string") { return "SQL中有未闭合的美元符号引用字符串" }
        if message.hasPrefix("unterminated /* comment") { return "SQL中有未闭合的注释" }
        if message.hasPrefix("zero-length delimited identifier") { return "SQL中有空的双引号标识符" }
        if message.hasPrefix("statement nested too deeply") { return "SQL嵌套层数过多" }
        return "SQL语法错误: \(message)"
    }
}
