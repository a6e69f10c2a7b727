import PipelineCore

/// Paraphrases a question the way another user would ask it: a word the vocabulary knows (a measure's label or one
/// of its synonyms in the semantic model, a general business synonym) is replaced by another word of its group,
/// e.g. 支付总金额 → 营收, and the question's frame and relative time are reworded as a manager would say them
/// (是多少 → 有多少, 上个月 → 上月). Deterministic: the longest known word found, replaced by its group's first other
/// word, then every rewording that applies.
struct ParaphraseMaker {
    let groups: [[String]]

    /// Other ways to say the same thing, none naming anything of a particular database.
    static let rewordings: [(String, String)] = [
        ("上个月", "上月"), ("最近30天", "近一个月"), ("今年", "本年度"), ("去年", "上一年"), ("每个", "各个"), ("是多少", "有多少"),
        ("哪个", "哪一个"), ("最高", "最多"), ("分别", "各自"), ("趋势", "走势"), ("占比", "比重"), ("列出", "给出"),
        ("统计", "计算"), ("多少个", "几个"), ("平均", "均值"), ("按月", "逐月"),
    ]

    init(model: SemanticModel?) {
        var groups: [[String]] = []
        for table in model?.tables ?? [] {
            for column in table.columns {
                guard let measure = column.measure, !measure.synonyms.isEmpty else { continue }
                groups.append([column.label] + measure.synonyms)
            }
        }
        groups += BusinessSynonyms.groups
        // Latin words would make the paraphrase break QUALITY.md's wording rule: Chinese words only.
        self.groups = groups.map { Self.unique($0.filter { !$0.isEmpty && !$0.unicodeScalars.contains { $0.isASCII && $0.properties.isAlphabetic } }) }
            .filter { $0.count > 1 }
    }

    /// The paraphrase, or nil when neither the vocabulary nor a rewording changes the question.
    func paraphrase(_ question: String) -> String? {
        var text = substitutingSynonym(question) ?? question
        for (from, to) in Self.rewordings { text = text.replacingOccurrences(of: from, with: to) }
        return text == question ? nil : text
    }

    /// The question with its longest vocabulary word replaced by another word of its group.
    private func substitutingSynonym(_ question: String) -> String? {
        var best: (word: String, group: [String])?
        for group in groups {
            for word in group where question.contains(word) && word.count > (best?.word.count ?? 0) {
                best = (word, group)
            }
        }
        guard let (word, group) = best,
              let replacement = group.first(where: { $0 != word && !question.contains($0) && !$0.contains(word) }) else { return nil }
        return question.replacingOccurrences(of: word, with: replacement)
    }

    private static func unique(_ words: [String]) -> [String] {
        var seen = Set<String>()
        return words.filter { seen.insert($0).inserted }
    }
}
