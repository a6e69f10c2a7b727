import PgQuery

/// QUALITY.md's "SQL shape": the statement's tokens with every literal as `?` (a comma list of literals as one `?`)
/// and every identifier or qualified name as `I`; key words, function names (a word before `(`) and type names
/// (after `::`) kept upper-case, operators and punctuation as written. Coarser than `ReadOnlySQL.shape` (the
/// fingerprint), which keeps identifiers: two breakdowns of different columns are one shape here.
///
/// Tokens come from PostgreSQL's scanner; which words are key words is the fixed list below (the clause words
/// pairs use), not the server's much longer list, so that a column called `year` or `name` stays an identifier.
public enum PlaceholderShape {
    static let keywords: Set<String> = Set("""
        SELECT FROM WHERE GROUP BY ORDER HAVING LIMIT OFFSET JOIN INNER LEFT RIGHT FULL OUTER CROSS ON AS AND OR NOT IN IS
        NULL LIKE ILIKE SIMILAR BETWEEN SYMMETRIC CASE WHEN THEN ELSE END DISTINCT UNION ALL INTERSECT EXCEPT WITH RECURSIVE
        MATERIALIZED ASC DESC NULLS FIRST LAST OVER PARTITION WINDOW INTERVAL EXISTS ANY SOME CAST TRUE FALSE FILTER LATERAL
        USING NATURAL FETCH NEXT ONLY ROWS ROW RANGE UNBOUNDED PRECEDING FOLLOWING CURRENT CURRENT_DATE CURRENT_TIMESTAMP
        CURRENT_TIME LOCALTIMESTAMP WITHIN ROLLUP CUBE GROUPING SETS ESCAPE COLLATE AT ZONE VALUES TIES TO FOR ARRAY
        """.split(whereSeparator: \.isWhitespace).map(String.init))
    /// Type words that make a typed literal (`DATE '2024-01-01'`) rather than name a column.
    private static let literalTypes: Set<String> = ["date", "timestamp", "time", "timestamptz"]

    private enum Kind { case keyword, identifier, literal, symbol }

    /// The shape, or nil when the text cannot be scanned.
    public static func of(_ sql: String) -> String? {
        guard sql.utf8.count <= ParsedSQL.maxBytes, !sql.utf8.contains(0), let scanned = try? PgQuery.scan(sql) else { return nil }
        let bytes = Array(sql.utf8)
        var tokens: [(kind: Kind, text: String)] = scanned.compactMap { token in
            guard token.kind != .comment, token.start < token.end, token.end <= bytes.count else { return nil }
            let text = String(decoding: bytes[token.start..<token.end], as: UTF8.self)
            return (kind(of: text), text)
        }
        while tokens.last?.text == ";" { tokens.removeLast() }
        for index in tokens.indices.dropLast() where tokens[index].kind == .identifier
            && literalTypes.contains(tokens[index].text.lowercased()) && tokens[index + 1].kind == .literal {
            tokens[index].kind = .keyword
        }
        var out: [String] = []
        for (index, token) in tokens.enumerated() {
            let next = index + 1 < tokens.count ? tokens[index + 1].text : nil
            let previous = index > 0 ? tokens[index - 1].text : nil
            let afterQualifier = out.count >= 2 && out[out.count - 1] == "." && out[out.count - 2] == "I"
            switch token.kind {
            case .identifier:
                if next == "(" || previous == "::" {
                    out.append(unquoted(token.text).uppercased())
                } else if afterQualifier {
                    out.removeLast()
                } else {
                    out.append("I")
                }
            case .literal:
                if out.count >= 2, out[out.count - 1] == ",", out[out.count - 2] == "?" { out.removeLast() } else { out.append("?") }
            case .keyword:
                out.append(token.text.uppercased())
            case .symbol:
                if token.text == "*", afterQualifier { out.removeLast() } else { out.append(token.text) }
            }
        }
        return out.joined(separator: " ")
    }

    private static func kind(of text: String) -> Kind {
        guard let first = text.unicodeScalars.first else { return .symbol }
        if first == "'" || first == "$" { return .literal }
        if (first == "E" || first == "e" || first == "B" || first == "b" || first == "X" || first == "x"
            || first == "N" || first == "n"), text.unicodeScalars.dropFirst().first == "'" { return .literal }
        if first.properties.numericType != nil && first.isASCII || (first == "." && text.count > 1) { return .literal }
        if first == "\"" { return .identifier }
        if first == "_" || first.properties.isAlphabetic || !first.isASCII {
            return keywords.contains(text.uppercased()) ? .keyword : .identifier
        }
        return .symbol
    }

    private static func unquoted(_ text: String) -> String {
        guard text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 else { return text }
        return String(text.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
    }
}
