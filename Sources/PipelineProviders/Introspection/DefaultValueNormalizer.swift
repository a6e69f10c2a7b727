/// Column defaults as the DDL file shows them (FORMATS.md §1), from `pg_get_expr(adbin, adrelid)`.
///
/// Sequences (`nextval(…)`, i.e. serial columns) show no default; casts on literals are stripped
/// (`'abc'::character varying` → `'abc'`, `'-1'::integer` → `-1`); `now()` and `CURRENT_TIMESTAMP` become
/// `current_timestamp`. Other expressions are kept as PostgreSQL prints them.
enum DefaultValueNormalizer {
    static func normalize(_ expression: String?) -> String? {
        guard let expression else { return nil }
        if expression.contains("nextval(") { return nil }
        var text = unwrapParentheses(stripLiteralCasts(expression))
        switch text.lowercased() {
        case "now()", "current_timestamp", "transaction_timestamp()": text = "current_timestamp"
        case "current_date", "current_time", "localtimestamp", "localtime", "current_user", "session_user":
            text = text.lowercased()
        // An explicit `DEFAULT NULL` is no default at all.
        case "null": return nil
        default: break
        }
        return text.isEmpty ? nil : text
    }

    /// Type names a quoted number may be cast to and then shown bare (`'-1'::integer` → `-1`).
    private static let numericTypes: Set<String> = [
        "integer", "bigint", "smallint", "numeric", "real", "double precision",
    ]

    /// Removes every `::type` that follows a literal (quoted string, number, NULL/TRUE/FALSE) or a parenthesised
    /// group, which is how PostgreSQL prints a cast of a function call (`(now())::timestamp(0) with time zone`).
    /// A cast written directly after an identifier or call is kept: nothing in a default prints that way.
    static func stripLiteralCasts(_ expression: String) -> String {
        let chars = Array(expression)
        var out: [Character] = []
        var index = 0
        // Where the literal or group that ended right before `index` starts in `out`, if one did.
        var lastOperandStart: Int?
        while index < chars.count {
            let char = chars[index]
            if char == "'" {
                let start = out.count
                out.append(char)
                index += 1
                while index < chars.count {
                    out.append(chars[index])
                    if chars[index] == "'" {
                        if index + 1 < chars.count, chars[index + 1] == "'" {
                            out.append("'")
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    index += 1
                }
                lastOperandStart = start
                continue
            }
            if char == ":", index + 1 < chars.count, chars[index + 1] == ":", let start = lastOperandStart {
                let typeEnd = endOfTypeName(chars, from: index + 2)
                let typeName = String(chars[(index + 2)..<typeEnd])
                let operand = String(out[start...])
                if numericTypes.contains(typeName), operand.hasPrefix("'"), operand.hasSuffix("'"),
                   isNumber(operand.dropFirst().dropLast()) {
                    out.removeSubrange(start...)
                    out.append(contentsOf: operand.dropFirst().dropLast())
                }
                index = typeEnd
                continue
            }
            // A numeric literal (words, and so digits inside identifiers like `col1`, are consumed below).
            if char.isNumber || (char == "-" && index + 1 < chars.count && chars[index + 1].isNumber) {
                let start = out.count
                out.append(char)
                index += 1
                while index < chars.count, chars[index].isNumber || chars[index] == "." || chars[index] == "e" {
                    out.append(chars[index])
                    index += 1
                }
                lastOperandStart = start
                continue
            }
            if char.isLetter || char == "_" {
                // A whole word; the constants NULL, TRUE and FALSE are literals whose casts go too.
                let start = out.count
                while index < chars.count, chars[index].isLetter || chars[index].isNumber || chars[index] == "_" {
                    out.append(chars[index])
                    index += 1
                }
                let word = String(out[start...]).lowercased()
                lastOperandStart = ["null", "true", "false"].contains(word) ? start : nil
                continue
            }
            if char == ")" {
                out.append(char)
                index += 1
                lastOperandStart = matchingOpen(out)
                continue
            }
            out.append(char)
            index += 1
            lastOperandStart = nil
        }
        return String(out)
    }

    /// Where the type name starting at `from` ends: words (with the multi-word SQL types), a qualified or quoted
    /// name, an optional `(precision)` and `[]` suffixes.
    private static func endOfTypeName(_ chars: [Character], from: Int) -> Int {
        var index = from
        let continuationWords = ["varying", "precision", "without", "with", "time", "zone"]
        func word(at position: Int) -> (String, Int) {
            var end = position
            while end < chars.count, chars[end].isLetter || chars[end].isNumber || chars[end] == "_" { end += 1 }
            return (String(chars[position..<end]), end)
        }
        var expectName = true
        while index < chars.count {
            let char = chars[index]
            if expectName, char == "\"" {
                index += 1
                while index < chars.count {
                    if chars[index] == "\"" {
                        if index + 1 < chars.count, chars[index + 1] == "\"" { index += 2; continue }
                        index += 1
                        break
                    }
                    index += 1
                }
                expectName = false
            } else if expectName, char.isLetter || char == "_" {
                index = word(at: index).1
                expectName = false
            } else if char == "." {
                index += 1
                expectName = true
            } else if char == "(", let close = chars[index...].firstIndex(of: ")"),
                      chars[(index + 1)..<close].allSatisfy({ $0.isNumber || $0 == "," || $0 == " " }) {
                index = close + 1
            } else if char == "[", index + 1 < chars.count, chars[index + 1] == "]" {
                index += 2
            } else if char == " ", index + 1 < chars.count, continuationWords.contains(word(at: index + 1).0) {
                index = word(at: index + 1).1
            } else {
                break
            }
        }
        return index
    }

    /// The index in `out` of the `(` matching the `)` just appended, skipping quoted text.
    private static func matchingOpen(_ out: [Character]) -> Int? {
        var depth = 0
        var inQuote = false
        for position in stride(from: out.count - 1, through: 0, by: -1) {
            let char = out[position]
            if char == "'" { inQuote.toggle(); continue }
            if inQuote { continue }
            if char == ")" { depth += 1 }
            if char == "(" {
                depth -= 1
                if depth == 0 {
                    // `f(x)` is a function call, not a group: only a bare group is an operand whose cast we strip.
                    let before = position > 0 ? out[position - 1] : " "
                    return before.isLetter || before.isNumber || before == "_" || before == "\"" ? nil : position
                }
            }
        }
        return nil
    }

    private static func isNumber(_ text: Substring) -> Bool {
        Double(text) != nil && text.allSatisfy { $0.isNumber || $0 == "-" || $0 == "." || $0 == "e" || $0 == "+" }
    }

    /// `(now())` → `now()`: outer parentheses that enclose the whole expression.
    static func unwrapParentheses(_ expression: String) -> String {
        var text = Substring(expression)
        while text.hasPrefix("("), text.hasSuffix(")"), let open = matchingOpen(Array(text)), open == 0 {
            text = text.dropFirst().dropLast()
        }
        return String(text)
    }
}
