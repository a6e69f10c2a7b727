import Foundation
import PipelineCore

/// BM25 over the tokens of every row of one snapshot (question and content), as an inverted index: per term, the
/// rows that contain it in row order with their term frequency. Built once per snapshot, next to the vector matrix,
/// and immutable afterwards. Memory: 8 bytes per (term, row) posting plus the term table; no text is kept.
final class TrainingLexicalIndex: Sendable {
    struct Posting {
        var row: Int32
        var frequency: Int32
    }

    static let k1: Float = 1.2
    static let b: Float = 0.75

    let tokenizer: LexicalTokenizer
    let expansion: SynonymExpansion
    private let terms: [String: Int32]
    private let postings: [[Posting]]
    private let lengths: [Int32]
    private let averageLength: Float

    /// `documents[row]` is the text of row `row`.
    init(documents: [String], synonymGroups: [[String]]) {
        expansion = SynonymExpansion(groups: synonymGroups)
        tokenizer = LexicalTokenizer(vocabulary: expansion.vocabulary)
        var terms: [String: Int32] = [:]
        var postings: [[Posting]] = []
        var lengths: [Int32] = []
        lengths.reserveCapacity(documents.count)
        for (row, text) in documents.enumerated() {
            let tokens = tokenizer.tokens(text)
            lengths.append(Int32(tokens.count))
            var counts: [String: Int32] = [:]
            for token in tokens { counts[token, default: 0] += 1 }
            // Sorted so term ids (and so everything after) do not depend on dictionary order.
            for (token, count) in counts.sorted(by: { $0.key < $1.key }) {
                let id: Int32
                if let known = terms[token] {
                    id = known
                } else {
                    id = Int32(postings.count)
                    terms[token] = id
                    postings.append([])
                }
                postings[Int(id)].append(Posting(row: Int32(row), frequency: count))
            }
        }
        self.terms = terms
        self.postings = postings
        self.lengths = lengths
        let total = lengths.reduce(0) { $0 + Int($1) }
        averageLength = documents.isEmpty ? 1 : max(1, Float(total) / Float(documents.count))
    }

    /// The question's weighted terms: its own tokens (weight 1) then its synonyms' (weight 0.5), each once.
    func queryTerms(_ question: String) -> [(term: String, weight: Float)] {
        var seen = Set<String>(), result: [(String, Float)] = []
        for token in tokenizer.tokens(question) where seen.insert(token).inserted { result.append((token, 1)) }
        for word in expansion.expansions(of: question) {
            for token in tokenizer.tokens(word) where seen.insert(token).inserted { result.append((token, 0.5)) }
        }
        return result
    }

    /// The `limit` rows with the highest BM25 score for the weighted terms among the rows `accept` lets through,
    /// best first (equal scores in row order); rows without any term are not ranked. Scores accumulate in one dense
    /// array (a common term touches most rows; a dictionary would cost more than the scan).
    func top(_ query: [(term: String, weight: Float)], limit: Int, accept: (Int) -> Bool) -> [(row: Int, score: Float)] {
        let lists = query.compactMap { term, weight in terms[term].map { (postings[Int($0)], weight) } }
        guard !lists.isEmpty, limit > 0 else { return [] }
        var scores = [Float](repeating: 0, count: lengths.count)
        var allowed = [Int8](repeating: -1, count: lengths.count)
        let count = Float(lengths.count)
        for (list, weight) in lists {
            let frequencyOfDocuments = Float(list.count)
            let idf = log(1 + (count - frequencyOfDocuments + 0.5) / (frequencyOfDocuments + 0.5))
            for posting in list {
                let row = Int(posting.row)
                if allowed[row] < 0 { allowed[row] = accept(row) ? 1 : 0 }
                guard allowed[row] == 1 else { continue }
                let tf = Float(posting.frequency)
                let norm = Self.k1 * (1 - Self.b + Self.b * Float(lengths[row]) / averageLength)
                scores[row] += weight * idf * tf * (Self.k1 + 1) / (tf + norm)
            }
        }
        var best = TopScores(capacity: min(limit, lengths.count))
        for row in 0..<scores.count where scores[row] > 0 { best.offer(row: row, score: scores[row]) }
        return best.ranked
    }

    /// The query terms row `row` contains, in query order.
    func matchedTerms(_ query: [(term: String, weight: Float)], row: Int) -> [String] {
        query.compactMap { term, _ in
            guard let id = terms[term] else { return nil }
            return Self.contains(postings[Int(id)], row: Int32(row)) ? term : nil
        }
    }

    private static func contains(_ list: [Posting], row: Int32) -> Bool {
        var low = 0, high = list.count
        while low < high {
            let middle = (low + high) / 2
            if list[middle].row < row { low = middle + 1 } else { high = middle }
        }
        return low < list.count && list[low].row == row
    }
}
