/// Chinese words for the English words, abbreviations and pinyin initials common in Chinese business databases.
///
/// Keys are lower-case words joined by `_`; a key of several words (`service_area`, `create_ts`) wins over its
/// parts. The word lists are text, one `key 中文` pair a line, split by domain (`GlossaryTerms+*.swift`), so they are
/// easy to extend and cheap to compile. A value never holds a Latin word: an unknown word is left out of a comment,
/// never pasted into it.
enum ColumnGlossary {
    /// Phrases of up to this many words are looked up.
    static let maxPhraseWords = 4

    static func chinese(for key: String) -> String? { entries[key] }

    /// Whether the word (or phrase) is in the glossary.
    static func knows(_ key: String) -> Bool { entries[key] != nil }

    /// Payment channels: a numeric column named after one alone holds that channel's amount (`wx` → 微信金额).
    static let paymentChannels: Set<String> = ["wx", "wechat", "zfb", "zf", "alipay", "rmb", "cash", "xs", "jd",
                                               "yhk", "unionpay", "ylsw"]

    /// Every domain's list; the first one naming a key wins (`duplicateKeys` must stay empty).
    static let texts = [GlossaryTerms.general, GlossaryTerms.timeAndAudit, GlossaryTerms.textAndData,
                        GlossaryTerms.verbs, GlossaryTerms.money, GlossaryTerms.commerce, GlossaryTerms.inventory,
                        GlossaryTerms.people, GlossaryTerms.places, GlossaryTerms.traffic, GlossaryTerms.logistics,
                        GlossaryTerms.manufacturing, GlossaryTerms.healthcare, GlossaryTerms.education,
                        GlossaryTerms.finance, GlossaryTerms.digital, GlossaryTerms.moreDomains,
                        GlossaryTerms.pinyin]

    static let entries: [String: String] = Dictionary(texts.flatMap(pairs), uniquingKeysWith: { first, _ in first })

    /// Keys listed more than once (a mistake in the text; the first one wins).
    static var duplicateKeys: [String] {
        var seen = Set<String>()
        return texts.flatMap(pairs).map(\.0).filter { !seen.insert($0).inserted }
    }

    static func pairs(_ text: String) -> [(String, String)] {
        text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, !line.hasPrefix("#") else { return nil }
            return (String(parts[0]), String(parts[1]))
        }
    }
}

/// The glossary's word lists, one extension per domain.
enum GlossaryTerms {}
