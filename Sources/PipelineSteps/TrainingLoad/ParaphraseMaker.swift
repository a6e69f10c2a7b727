import PipelineCore

/// Paraphrases a question the way another user would ask it: a word the vocabulary knows (a measure's label or one
/// of its synonyms in the semantic model, a general business synonym) is replaced by another word of its group,
/// e.g. 支付总金额 → 营收. Deterministic: the longest known word found, replaced by its group's first other word.
struct ParaphraseMaker {
    let groups: [[String]]

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

    /// The paraphrase, or nil when the question holds no word of the vocabulary.
    func paraphrase(_ question: String) -> String? {
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
