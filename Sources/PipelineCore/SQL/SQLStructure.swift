import PgQuery

/// A query's structure without its names and values: keywords, punctuation, operators and function names kept,
/// identifiers and constants as `?` — QUALITY.md's "shape" (literals and identifiers replaced by placeholders), by
/// which "revenue by area" and "vehicles by area" are the same question pattern. PostgreSQL's fingerprint
/// (`ReadOnlySQL.shape`) keeps the names and tells those two apart.
public enum SQLStructure {
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
            case .keyword: parts.append(text.uppercased())
            case .character(let code): parts.append(String(UnicodeScalar(code)))
            case .other:
                let next = tokens.dropFirst(index + 1).first { $0.kind != .comment }
                let isCall = next.map { $0.kind == .character(UInt8(ascii: "(")) } ?? false
                let isWord = text.unicodeScalars.first.map { $0 == "_" || $0 == "\"" || $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "'" } ?? false
                parts.append(isCall ? text.uppercased() : isWord ? "?" : text)
            }
        }
        return parts.joined(separator: " ")
    }
}
