/// Words written together without a separator, common in older schemas (`createtime`, `userid`, `orderstatus`,
/// `paytype`): split into glossary words when the whole word is unknown, so they read 创建时间, 用户ID, 订单状态.
enum CompoundWords {
    /// Most parts one word is split into; more would find accidental splits of unknown words.
    static let maxParts = 3
    /// Two-letter parts allowed at the end (they end many names); any other part has three letters or more.
    private static let shortParts: Set<String> = ["id", "no", "ts", "dt", "cd", "nm"]
    /// Words a column name ends in. A split must end in one, so that an unknown word that happens to be two known
    /// ones (`transparent`, `ipsum`) is not read as them.
    private static let heads: Set<String> = [
        "id", "no", "nm", "cd", "ts", "dt", "name", "time", "date", "type", "status", "state", "code", "num", "number",
        "count", "cnt", "qty", "amount", "amt", "price", "fee", "cost", "flag", "desc", "info", "level", "sum", "total",
        "rate", "ratio", "score", "url", "addr", "address", "phone", "tel", "mobile", "email", "title", "content",
        "remark", "memo", "note", "category", "kind", "mode", "source", "key", "value", "seq", "sort", "by", "day",
        "month", "year", "week", "hour", "size", "weight", "money", "balance", "point", "points", "log", "record",
        "detail", "list", "user", "method", "channel", "grade", "rank", "image", "img", "pic", "icon", "version",
    ]

    /// The known words the word is made of, fewest parts first; nil when it is known itself or cannot be split.
    static func split(_ word: String) -> [String]? {
        guard word.count >= 5, word.count <= 40, word.allSatisfy({ $0.isASCII && $0.isLowercase }),
              !isKnown(word) else { return nil }
        let characters = Array(word)
        for parts in 2...maxParts {
            if let found = split(characters[...], into: parts) { return found }
        }
        return nil
    }

    /// A split into exactly `parts` known words, the longest first part first.
    private static func split(_ characters: ArraySlice<Character>, into parts: Int) -> [String]? {
        if parts == 1 {
            let word = String(characters)
            return heads.contains(GlossaryPhrase.normalized(word)) && isPart(word) ? [word] : nil
        }
        let count = characters.count
        for length in stride(from: count - 2, through: 2, by: -1) {
            let head = String(characters.prefix(length))
            guard head.count >= 3, isPart(head), let rest = split(characters.dropFirst(length), into: parts - 1) else { continue }
            return [head] + rest
        }
        return nil
    }

    private static func isPart(_ word: String) -> Bool {
        (word.count >= 3 || shortParts.contains(word)) && isKnown(word)
    }

    /// The identifier's words (`IdentifierWords`) with each compound split.
    static func words(of identifier: String) -> [String] {
        IdentifierWords.split(identifier).flatMap { split($0) ?? [$0] }
    }

    private static func isKnown(_ word: String) -> Bool {
        let plain = GlossaryPhrase.normalized(word)
        return ColumnGlossary.knows(plain) || ModifierWords.forms(plain) != nil
    }
}
