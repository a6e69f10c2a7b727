import PgQuery

/// The static half of the rule "a pair's SQL is exactly one read-only query" (FORMATS.md §4), decided on
/// PostgreSQL's own parse tree (libpg_query, through `PgQuery`): text in strings, quoted identifiers and comments
/// never counts, and every syntax the server knows is read as the server reads it.
///
/// Accepted: exactly one `SELECT` or `WITH` statement (a trailing `;` and comments allowed) whose tree holds no
/// data-modifying statement (a CTE included), no `INTO`, no locking clause, no call of a function with effects
/// beyond the transaction (`SideEffectFunctions`) and no relation of the server's catalogs.
///
/// It is the first line of defence. `PostgresSQLValidator` then resolves every function the query calls in the
/// business database and refuses volatile ones, and sends the text alone through `PQexecParams` inside a
/// `READ ONLY` transaction with a statement timeout that is always rolled back.
public enum ReadOnlySQL {
    /// Nil when `sql` is exactly one read-only query; otherwise a short Chinese reason.
    public static func violation(in sql: String) -> String? {
        do {
            return StatementRules.violation(in: try ParsedSQL.read(sql))
        } catch {
            return error.reason
        }
    }

    /// What the validator needs from one parse: the reason the text is refused, or the text to embed (as
    /// `statementText`) and the functions it calls (as `references(in:)?.functions`).
    public enum Check: Sendable {
        case refused(String)
        case accepted(statementText: String, functions: [SQLFunctionName])
    }

    /// `violation`, `statementText` and the called functions from one parse of `sql`.
    public static func check(_ sql: String) -> Check {
        let parsed: ParsedSQL
        do {
            parsed = try ParsedSQL.read(sql)
        } catch {
            return .refused(error.reason)
        }
        if let reason = StatementRules.violation(in: parsed) { return .refused(reason) }
        return .accepted(statementText: parsed.statementText,
                         functions: SQLReferences(statement: parsed.statements[0].node).functions)
    }

    /// The text from its first to its last token, without surrounding comments and without a trailing `;`: what
    /// can be embedded in another statement (`EXPLAIN …`, a subquery). Text that does not parse is returned
    /// trimmed of whitespace.
    public static func statementText(_ sql: String) -> String {
        guard let parsed = try? ParsedSQL.read(sql), parsed.statements.count == 1 else { return trimmed(sql) }
        return parsed.statementText
    }

    /// A canonical spelling for finding duplicate pairs: equal for texts that are the same statement to the
    /// server (whitespace, comments, a trailing `;`, the case of unquoted names and key words, needless quotes
    /// and parentheses do not count; constants and quoted names do). Text that does not parse as one statement
    /// only has its whitespace runs collapsed.
    public static func normalized(_ sql: String) -> String {
        guard let parsed = try? ParsedSQL.read(sql), parsed.statements.count == 1 else {
            return sql.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        return "pg15:" + parsed.statements[0].node.canonicalText(omitting: ["location"])
    }

    /// The query's shape: PostgreSQL's fingerprint (16 hex digits), equal for queries that differ only in
    /// constants, output aliases, spelling and comments; nil when the text does not parse.
    public static func shape(_ sql: String) -> String? {
        guard sql.utf8.count <= ParsedSQL.maxBytes, !sql.utf8.contains(0) else { return nil }
        return try? PgQuery.fingerprint(sql)
    }

    /// The tables, columns and functions the query refers to; nil when it is not one statement that parses.
    public static func references(in sql: String) -> SQLReferences? {
        guard let parsed = try? ParsedSQL.read(sql), parsed.statements.count == 1 else { return nil }
        return SQLReferences(statement: parsed.statements[0].node)
    }

    /// Volatile functions a query may call all the same, by name: they only compute a value.
    public static var harmlessVolatileFunctions: Set<String> { SideEffectFunctions.harmlessVolatile }

    private static func trimmed(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
