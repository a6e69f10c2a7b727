/// Chinese-aware tokens for the training-data store's lexical index (issue 14).
///
/// A run of Han characters gives its character bigrams except question words such as 多少 and bigrams across a
/// particle such as 的 (a lone character gives itself), plus every vocabulary word of three or more characters it contains (two-character words are already
/// bigrams). A run of ASCII letters, digits and `_` gives the lower-cased identifier and, for `a_b_c`, its parts.
/// Everything else separates. Numbers and a few SQL keywords are not tokens: they match everything and mean nothing.
/// Pure and deterministic.
public struct LexicalTokenizer: Sendable {
    public let vocabulary: Set<String>
    private let longestWord: Int

    /// SQL words that appear in every pair's SQL and in no manager's question.
    static let stopWords: Set<String> = [
        "select", "from", "where", "group", "by", "order", "as", "and", "or", "on", "join", "left", "inner", "limit",
        "sum", "count", "avg", "max", "min", "desc", "asc", "not", "null", "in", "is", "the", "of", "case", "when",
        "then", "else", "end", "distinct", "having", "with", "varchar", "numeric", "int", "integer", "text", "date",
        "timestamp", "create", "table", "comment", "bigint", "primary", "key", "default",
    ]

    /// Bigrams of question words and particles (多少, 哪些, 分别): in nearly every question and no item's subject, they
    /// would only reward items for being phrased as questions.
    static let stopBigrams: Set<String> = [
        "多少", "哪些", "哪个", "哪家", "哪几", "分别", "一共", "是多", "是什", "什么", "怎么", "怎样", "如何", "是否", "有多",
        "有哪", "了多", "的是", "是哪", "各是", "少个", "少元", "一下", "看一", "多大", "为多",
    ]

    /// Particles and question characters: a bigram holding one (店的, 的客, 价是, 哪家) joins two words by accident.
    static let stopCharacters: Set<Character> = ["的", "了", "吗", "呢", "吧", "是", "哪", "么", "和", "与", "及", "或", "把", "被"]

    public init(vocabulary: some Sequence<String>) {
        var words = Set<String>()
        for word in vocabulary where word.count >= 3 && word.unicodeScalars.allSatisfy(Self.isHan) {
            words.insert(word)
        }
        self.vocabulary = words
        longestWord = words.map(\.count).max() ?? 0
    }

    /// The tokens of `text` in reading order, repeats kept (they are the term frequencies).
    public func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var han: [Character] = []
        var ascii = ""
        func flush() {
            if !han.isEmpty { appendHan(han, to: &tokens); han.removeAll(keepingCapacity: true) }
            if !ascii.isEmpty { Self.appendIdentifier(ascii, to: &tokens); ascii.removeAll(keepingCapacity: true) }
        }
        for character in text {
            guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1 else {
                flush()
                continue
            }
            if Self.isHan(scalar) {
                if !ascii.isEmpty { Self.appendIdentifier(ascii, to: &tokens); ascii.removeAll(keepingCapacity: true) }
                han.append(character)
            } else if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" {
                if !han.isEmpty { appendHan(han, to: &tokens); han.removeAll(keepingCapacity: true) }
                ascii.unicodeScalars.append(scalar)
            } else {
                flush()
            }
        }
        flush()
        return tokens
    }

    private func appendHan(_ run: [Character], to tokens: inout [String]) {
        guard run.count > 1 else {
            tokens.append(String(run[0]))
            return
        }
        for start in 0..<(run.count - 1) {
            let bigram = String(run[start...start + 1])
            guard !Self.stopBigrams.contains(bigram), !Self.stopCharacters.contains(run[start]),
                  !Self.stopCharacters.contains(run[start + 1]) else { continue }
            tokens.append(bigram)
        }
        guard longestWord >= 3 else { return }
        for start in 0..<run.count {
            var length = 3
            while length <= longestWord, start + length <= run.count {
                let word = String(run[start..<start + length])
                if vocabulary.contains(word) { tokens.append(word) }
                length += 1
            }
        }
    }

    private static func appendIdentifier(_ identifier: String, to tokens: inout [String]) {
        let lower = identifier.lowercased()
        func useful(_ word: Substring) -> Bool {
            word.count >= 2 && !stopWords.contains(String(word)) && !word.allSatisfy { $0.isNumber || $0 == "_" }
        }
        let whole = Substring(lower)
        if useful(whole) { tokens.append(lower) }
        let parts = lower.split(separator: "_")
        guard parts.count > 1 else { return }
        for part in parts where useful(part) { tokens.append(String(part)) }
    }

    static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF: true
        default: false
        }
    }
}
