/// Identifier spelling for generated SQL text (DDL files, question SQL). Database access itself quotes through
/// `PostgresConnection.quoteIdentifier`; this is the same rule for text the service writes, not executes.
public enum SQLIdentifier {
    /// Always double-quoted, embedded quotes doubled.
    public static func quote(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// As PostgreSQL needs it: plain lower-case identifiers that are not reserved words as they are, anything else quoted.
    public static func display(_ name: String) -> String {
        isPlain(name) ? name : quote(name)
    }

    /// Whether `word` (lower-case) is one of PostgreSQL's reserved key words.
    public static func isReservedWord(_ word: String) -> Bool {
        reservedWords.contains(word)
    }

    static func isPlain(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || ("a"..."z").contains(first) else { return false }
        let allowed = name.unicodeScalars.allSatisfy { $0 == "_" || $0 == "$" || ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        return allowed && !reservedWords.contains(name)
    }

    /// PostgreSQL's reserved key words (those that cannot be column or table names unquoted).
    static let reservedWords: Set<String> = [
        "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast", "check",
        "collate", "column", "constraint", "create", "current_catalog", "current_date", "current_role", "current_time",
        "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end", "except",
        "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in", "initially", "intersect", "into",
        "lateral", "leading", "limit", "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or",
        "order", "placing", "primary", "references", "returning", "select", "session_user", "some", "symmetric",
        "table", "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "when", "where",
        "window", "with", "authorization", "binary", "collation", "concurrently", "cross", "current_schema", "freeze",
        "full", "ilike", "inner", "is", "isnull", "join", "left", "like", "natural", "notnull", "outer", "overlaps",
        "right", "similar", "tablesample", "verbose",
    ]
}
