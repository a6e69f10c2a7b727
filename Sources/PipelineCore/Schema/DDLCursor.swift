/// A read position in one piece of DDL text (a `create table` head or one item of its body), with the few
/// PostgreSQL lexical rules the reader needs: identifiers, keywords and parenthesised lists.
struct DDLCursor {
    let chars: [Character]
    private(set) var index: Int

    init<S: StringProtocol>(_ text: S) {
        chars = Array(text)
        index = 0
    }

    init(_ chars: [Character], at index: Int) {
        self.chars = chars
        self.index = index
    }

    var isAtEnd: Bool { index >= chars.count }
    var current: Character? { isAtEnd ? nil : chars[index] }
    /// Everything from the current position on.
    var rest: String { isAtEnd ? "" : String(chars[index...]) }

    mutating func advance() {
        index += 1
    }

    mutating func skipWhitespace() {
        while let c = current, c.isWhitespace { index += 1 }
    }

    /// Consumes `character` (after whitespace) when it is next.
    mutating func consume(_ character: Character) -> Bool {
        skipWhitespace()
        guard current == character else { return false }
        index += 1
        return true
    }

    /// Consumes a phrase of keywords (`"primary key"`), any case, any whitespace between the words, each word
    /// ending at a non-identifier character; the position is unchanged when it does not match.
    mutating func consumeKeywords(_ phrase: String) -> Bool {
        let start = index
        for word in phrase.split(separator: " ") {
            skipWhitespace()
            guard matchesWord(word, at: index) else {
                index = start
                return false
            }
            index += word.count
        }
        return true
    }

    /// Whether the identifier-like word at `position` is `word` (ASCII case-insensitive) and ends there.
    func matchesWord(_ word: Substring, at position: Int) -> Bool {
        guard position + word.count <= chars.count else { return false }
        for (offset, expected) in word.enumerated() where chars[position + offset].lowercased() != String(expected) {
            return false
        }
        let end = position + word.count
        return end == chars.count || !DDLCursor.isIdentifierCharacter(chars[end])
    }

    /// A double-quoted identifier (`""` inside is a quote) as its real name, or an unquoted one folded to lower
    /// case as PostgreSQL folds it (ASCII letters only); nil when none is next (position unchanged).
    mutating func readIdentifier() -> String? {
        skipWhitespace()
        guard let first = current else { return nil }
        if first == "\"" {
            var name = ""
            var position = index + 1
            while position < chars.count {
                if chars[position] == "\"" {
                    if position + 1 < chars.count, chars[position + 1] == "\"" {
                        name.append("\"")
                        position += 2
                        continue
                    }
                    guard !name.isEmpty else { return nil }
                    index = position + 1
                    return name
                }
                name.append(chars[position])
                position += 1
            }
            return nil
        }
        guard DDLCursor.isIdentifierCharacter(first), !(first.isASCII && first.isNumber) else { return nil }
        var name = ""
        while let c = current, DDLCursor.isIdentifierCharacter(c) {
            name += c.isASCII ? c.lowercased() : String(c)
            index += 1
        }
        return name
    }

    /// `name` or `schema.name` (more parts are refused: a database name has no place in these files).
    mutating func readTableReference() -> TableReference? {
        let start = index
        guard let first = readIdentifier() else { return nil }
        guard consume(".") else { return TableReference(schema: "public", name: first) }
        guard let second = readIdentifier(), !peekDot() else {
            index = start
            return nil
        }
        return TableReference(schema: first, name: second)
    }

    /// `(a, b, …)`: identifiers in parentheses; nil (position unchanged) when that is not what follows.
    mutating func readIdentifierList() -> [String]? {
        let start = index
        guard consume("(") else { return nil }
        var names: [String] = []
        repeat {
            guard let name = readIdentifier() else {
                index = start
                return nil
            }
            names.append(name)
        } while consume(",")
        guard consume(")") else {
            index = start
            return nil
        }
        return names
    }

    private mutating func peekDot() -> Bool {
        let start = index
        defer { index = start }
        return consume(".")
    }

    /// Letters (any script, as PostgreSQL allows non-ASCII letters in unquoted names), digits, `_` and `$`.
    static func isIdentifierCharacter(_ c: Character) -> Bool {
        c == "_" || c == "$" || c.isLetter || c.isNumber
    }
}
