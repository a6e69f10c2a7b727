import Foundation

/// The static half of the rule "a pair's SQL is exactly one read-only query" (FORMATS.md §4).
///
/// A conservative gate: it may reject an odd but valid query (a column named `copy` left unquoted, a `;;` at the
/// end), and it must never accept one that writes, locks or runs a second statement. It works on tokens, so text in
/// strings, quoted identifiers and comments never counts (`updated_at`, `"delete"` and `'drop'` are fine).
///
/// It is the first line of defence only. `PostgresSQLValidator` then sends the text through `PQexecParams`, which
/// refuses several statements, inside a `READ ONLY` transaction with a statement timeout that is always rolled
/// back — the second line, which also stops what no token rule can see (a function that writes, `nextval`).
public enum ReadOnlySQL {
    /// Nil when `sql` is exactly one read-only query; otherwise a short Chinese reason.
    ///
    /// Rules, in order: the text must lex (no unterminated string, quoted identifier or comment); after dropping
    /// one trailing `;` it must not be empty nor contain another `;`; it must start with `SELECT`, `WITH`, `VALUES`
    /// or parentheses around one of them; and no token may be a data-modifying or DDL keyword (`INSERT`, `UPDATE`,
    /// `DELETE`, `MERGE`, `TRUNCATE`, `DROP`, `ALTER`, `CREATE`, `GRANT`, `REVOKE`, `COPY`, `CALL`, `DO`), `INTO`,
    /// a locking clause (`FOR UPDATE`, `FOR NO KEY UPDATE`, `FOR SHARE`, `FOR KEY SHARE`), or a call of a function
    /// whose effect outlives a rolled-back read-only transaction (`SideEffectFunctions`). Parentheses must balance.
    public static func violation(in sql: String) -> String? {
        let tokens: [SQLToken]
        do {
            tokens = try statementTokens(sql)
        } catch {
            return reason(for: error)
        }
        return StatementRules.violation(in: tokens)
    }

    /// The text from its first to its last token, without surrounding comments and without one trailing `;`:
    /// what can be embedded in another statement (`EXPLAIN …`, a subquery) without a trailing `--` comment
    /// swallowing the rest. Text that does not lex is returned trimmed of whitespace.
    public static func statementText(_ sql: String) -> String {
        guard let tokens = try? statementTokens(sql), let first = tokens.first, let last = tokens.last else {
            return sql.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return SQLLexer.text(sql, from: first.start, to: last.end)
    }

    /// A canonical spelling for finding duplicate pairs: comments removed, one trailing `;` removed, tokens
    /// separated by exactly one space, unquoted words upper-cased in ASCII (PostgreSQL folds their case anyway);
    /// strings and quoted identifiers stay exactly as written. Text that does not lex only has its whitespace
    /// runs collapsed.
    public static func normalized(_ sql: String) -> String {
        guard let tokens = try? statementTokens(sql) else {
            return sql.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        return tokens.map { $0.kind == .word ? $0.keyword : $0.text }.joined(separator: " ")
    }

    /// The tokens that matter: comments dropped, one trailing `;` dropped.
    private static func statementTokens(_ sql: String) throws(SQLLexer.Failure) -> [SQLToken] {
        var tokens = try SQLLexer.tokens(sql).filter { $0.kind != .comment }
        if tokens.last?.isSymbol(";") == true { tokens.removeLast() }
        return tokens
    }

    private static func reason(for failure: SQLLexer.Failure) -> String {
        switch failure {
        case .unterminatedString: return "SQL中有未闭合的字符串"
        case .unterminatedQuotedIdentifier: return "SQL中有未闭合的双引号标识符"
        case .unterminatedDollarQuote: return "SQL中有未闭合的美元符号引用字符串"
        case .unterminatedComment: return "SQL中有未闭合的注释"
        }
    }
}
