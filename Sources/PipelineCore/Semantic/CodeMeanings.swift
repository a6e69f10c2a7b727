import Foundation

/// What codes mean, where a comment (`1=在售 2=停售 3=预售`, `0-正常，1-停用`, `1：男；2：女`) or a check
/// constraint (`status = ANY (ARRAY['a'::text, 'b'::text])`, `level >= 1 AND level <= 3`) says it.
public enum CodeMeanings {
    private static let pairExpression = try? NSRegularExpression(
        pattern: #"([A-Za-z0-9_]{1,12})\s*(?:=|:|：|-|－|→)\s*([^\s,，;；、=:：()（）/]{1,20})"#)

    /// Code → meaning pairs of a comment; empty when it has fewer than two.
    public static func fromComment(_ comment: String?) -> [String: String] {
        guard let comment = CommentText.clean(comment) else { return [:] }
        guard let expression = pairExpression else { return [:] }
        var meanings: [String: String] = [:]
        let text = comment as NSString
        for match in expression.matches(in: comment, range: NSRange(location: 0, length: text.length)) {
            let code = text.substring(with: match.range(at: 1))
            let meaning = text.substring(with: match.range(at: 2))
            // A meaning is words, not another code (`2024-01-01` is a date, not "2024 means 01").
            guard meaning.contains(where: { !$0.isASCII }), meanings[code] == nil else { continue }
            meanings[code] = meaning
        }
        return meanings.count >= 2 ? meanings : [:]
    }

    /// The values a check constraint allows for `column` (an `IN` list / `= ANY (ARRAY[…])`), in order.
    public static func allowedValues(column: String, checks: [String]) -> [String] {
        for check in checks {
            let quotedColumn = SQLIdentifier.display(column)
            guard check.contains("(\(quotedColumn) = ANY") || check.contains("(\(quotedColumn))::text = ANY")
                    || check.contains("\(quotedColumn) = ANY") else { continue }
            guard let open = check.range(of: "ARRAY["), let close = check.range(of: "]", range: open.upperBound..<check.endIndex)
            else { continue }
            let items = check[open.upperBound..<close.lowerBound].split(separator: ",").map { item -> String in
                var text = item.trimmingCharacters(in: .whitespaces)
                if let cast = text.range(of: "::") { text = String(text[..<cast.lowerBound]) }
                text = text.trimmingCharacters(in: CharacterSet(charactersIn: "()"))
                if text.hasPrefix("'"), text.hasSuffix("'"), text.count >= 2 {
                    text = String(text.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'")
                }
                return text
            }
            if !items.isEmpty { return items }
        }
        return []
    }
}
