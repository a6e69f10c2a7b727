/// A table named in a table list: `table` or `schema.table`, each part a PostgreSQL identifier,
/// unquoted `[A-Za-z_\u{80}-][A-Za-z0-9_$\u{80}-]*` (PostgreSQL's lexer takes every non-ASCII character as an
/// identifier letter, so `public.客户反馈` names the same table as `public."客户反馈"`) or any non-empty double-quoted
/// text (`""` inside quotes is a quote), and at most `maxPartBytes` bytes once unquoted.
public struct TableName: Hashable, Sendable, CustomStringConvertible {
    /// PostgreSQL's identifier limit (`NAMEDATALEN - 1`): a longer name is silently truncated by the server, so it
    /// would name another table than the one written.
    public static let maxPartBytes = 63

    /// The schema as written (quotes kept), or nil when the name had none.
    public let schemaPart: String?
    /// The table as written (quotes kept).
    public let tablePart: String

    /// The name exactly as it appears in the list (`public."门店评价"`).
    public var description: String { schemaPart.map { "\($0).\(tablePart)" } ?? tablePart }

    /// Parses one name; nil when it is not one or two valid identifier parts.
    public init?(_ text: String) {
        guard let parts = TableName.splitParts(Array(text)), (1...2).contains(parts.count) else { return nil }
        if parts.count == 2 {
            schemaPart = parts[0]
            tablePart = parts[1]
        } else {
            schemaPart = nil
            tablePart = parts[0]
        }
    }

    /// The schema's real (unquoted) name; `public` when none was written.
    public var schema: String { schemaPart.map(TableName.unquote) ?? "public" }
    /// The table's real (unquoted) name.
    public var table: String { TableName.unquote(tablePart) }

    static func unquote(_ part: String) -> String {
        guard part.hasPrefix("\"") else { return part }
        return String(part.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
    }

    /// Splits on dots outside quotes, validating each part; nil on any invalid part.
    private static func splitParts(_ chars: [Character]) -> [String]? {
        var parts: [String] = []
        var index = 0
        while index < chars.count {
            var part = ""
            if chars[index] == "\"" {
                part.append("\"")
                index += 1
                var closed = false
                while index < chars.count {
                    if chars[index] == "\"" {
                        if index + 1 < chars.count, chars[index + 1] == "\"" {
                            part += "\"\""
                            index += 2
                            continue
                        }
                        part.append("\"")
                        index += 1
                        closed = true
                        break
                    }
                    guard !chars[index].isNewline, chars[index] != "\0" else { return nil }
                    part.append(chars[index])
                    index += 1
                }
                guard closed, part.count > 2 else { return nil }
            } else {
                guard isIdentifierStart(chars[index]) else { return nil }
                while index < chars.count, chars[index] != "." {
                    guard isIdentifierPart(chars[index]) else { return nil }
                    part.append(chars[index])
                    index += 1
                }
            }
            guard unquote(part).utf8.count <= maxPartBytes else { return nil }
            parts.append(part)
            if index < chars.count {
                guard chars[index] == ".", index + 1 < chars.count else { return nil }
                index += 1
            }
        }
        return parts.isEmpty ? nil : parts
    }

    private static func isIdentifierStart(_ c: Character) -> Bool {
        c == "_" || (c.isASCII && c.isLetter) || isNonASCIILetter(c)
    }

    private static func isIdentifierPart(_ c: Character) -> Bool {
        c == "_" || c == "$" || (c.isASCII && (c.isLetter || c.isNumber)) || isNonASCIILetter(c)
    }

    /// A character PostgreSQL's lexer reads as part of an unquoted identifier (any non-ASCII one). Unlike the
    /// server, non-ASCII white space (U+3000, U+00A0) is refused: in a list it is a typo, not part of a name.
    private static func isNonASCIILetter(_ c: Character) -> Bool {
        c.unicodeScalars.allSatisfy { $0.value >= 0x80 } && !c.isWhitespace
    }
}
