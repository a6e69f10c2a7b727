import PgQuery

/// A query's structure without its names and values: keywords, punctuation, operators and function names kept,
/// identifiers and constants as `?` — QUALITY.md's "shape" (literals and identifiers replaced by placeholders), by
/// which "revenue by area" and "vehicles by area" are the same question pattern. PostgreSQL's fingerprint
/// (`ReadOnlySQL.shape`) keeps the names and tells those two apart.
public enum SQLStructure {
    /// Clause words that PostgreSQL does not reserve but that shape a query.
    static let clauseWords: Set<String> = ["by", "join", "left", "right", "inner", "outer", "full", "cross", "nulls", "first", "last",
                                           "over", "partition", "filter", "within", "rows", "range", "preceding", "following",
                                           "ilike", "like", "between", "is", "isnull", "notnull", "similar"]

    /// Nil when the text does not scan.
    public static func of(_ sql: String) -> String? {
        guard sql.utf8.count <= ParsedSQL.maxBytes, !sql.utf8.contains(0), let tokens = try? PgQuery.scan(sql) else { return nil }
        let bytes = Array(sql.utf8)
        var parts: [String] = []
        for (index, token) in tokens.enumerated() {
            guard token.start >= 0, token.end <= bytes.count, token.start < token.end else { continue }
            let text = String(decoding: bytes[token.start..<token.end], as: UTF8.self)
            switch token.kind {
            case .comment: continue
            case .character(let code): parts.append(String(UnicodeScalar(code)))
            // Only reserved key words are structure; an unreserved one (`name`, `year`, `date`) may be a column.
            case .keyword where SQLIdentifier.isReservedWord(text.lowercased()) || Self.clauseWords.contains(text.lowercased()):
                parts.append(text.uppercased())
            case .keyword, .other:
                let next = tokens.dropFirst(index + 1).first { $0.kind != .comment }
                let isCall = next.map { $0.kind == .character(UInt8(ascii: "(")) } ?? false
                let isWord = text.unicodeScalars.first.map { $0 == "_" || $0 == "\"" || $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "'" } ?? false
                parts.append(isCall ? text.uppercased() : isWord ? "?" : text)
            }
        }
        return parts.joined(separator: " ")
    }
}
