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
    /// The expansion for a question of any database: the shared groups and every database's own.
    let expansion: SynonymExpansion
    /// Per database: the shared groups and that database's own only, so one database's synonyms never expand a
    /// question asked of another.
    let databaseExpansions: [String: SynonymExpansion]
    /// The shared groups alone (a database without groups of its own).
    let shared: SynonymExpansion
    let terms: [String: Int32]
    /// Per term id, its rows in row order. Updates leave the lists of vanished terms empty (and out of `terms`).
    let postings: [[Posting]]
    let lengths: [Int32]
    let averageLength: Float

    /// `documents[row]` is the text of row `row`; `synonymGroups` expand every question, `databaseGroups[db]` only
    /// questions asked of `db` or of no database; `vocabulary` adds words (labels of the glossaries) the tokenizer
    /// keeps whole besides their bigrams.
    init(documents: [String], synonymGroups: [[String]], databaseGroups: [String: [[String]]] = [:],
         related: [String: [String]] = [:], vocabulary: [String] = []) {
        let databases = databaseGroups.keys.sorted()
        expansion = SynonymExpansion(groups: synonymGroups + databases.flatMap { databaseGroups[$0]! }, related: related)
        var perDatabase: [String: SynonymExpansion] = [:]
        for database in databases {
            perDatabase[database] = SynonymExpansion(groups: synonymGroups + databaseGroups[database]!, related: related)
        }
        databaseExpansions = perDatabase
        shared = SynonymExpansion(groups: synonymGroups, related: related)
        tokenizer = LexicalTokenizer(vocabulary: expansion.vocabulary + vocabulary)
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
        averageLength = Self.averageLength(lengths)
    }

    /// The index of `other`'s tokenizer and expansions over other rows (`updated(…)`).
    init(reusing other: TrainingLexicalIndex, terms: [String: Int32], postings: [[Posting]], lengths: [Int32]) {
        tokenizer = other.tokenizer
        expansion = other.expansion
        databaseExpansions = other.databaseExpansions
        shared = other.shared
        self.terms = terms
        self.postings = postings
        self.lengths = lengths
        averageLength = Self.averageLength(lengths)
    }

    private static func averageLength(_ lengths: [Int32]) -> Float {
        let total = lengths.reduce(0) { $0 + Int($1) }
        return lengths.isEmpty ? 1 : max(1, Float(total) / Float(lengths.count))
    }

    /// One part of a question: its own tokens (`group` nil, each scored) or the tokens of one synonym group's words
    /// (`group` set: the group scores by its best word, each word by the sum of its tokens at half weight).
    struct QueryTerm {
        var term: String
        var weight: Float
        /// Synonym group and word within it; nil for the question's own tokens.
        var group: Int?
        var word: Int = 0
    }

    static let expansionWeight: Float = 0.5

    /// The question's terms: its own tokens (weight 1) then its synonym groups' (weight ½), each token once; with a
    /// database, only the shared groups and that database's expand it.
    func queryTerms(_ question: String, dbName: String? = nil) -> [QueryTerm] {
        let chosen = dbName.map { databaseExpansions[$0] ?? shared } ?? expansion
        var seen = Set<String>(), result: [QueryTerm] = []
        for token in tokenizer.tokens(question) where seen.insert(token).inserted {
            result.append(QueryTerm(term: token, weight: 1))
        }
        let own = seen
        for (group, words) in chosen.expansionGroups(of: question).enumerated() {
            for (index, word) in words.enumerated() {
                let tokens = Array(Set(tokenizer.tokens(word)).subtracting(own)).sorted()
                for token in tokens {
                    result.append(QueryTerm(term: token, weight: Self.expansionWeight, group: group, word: index))
                }
            }
        }
        return result
    }

    /// The `limit` rows with the highest score among the rows `accept` lets through, best first (equal scores in
    /// row order); rows without any term are not ranked. A row's score is the BM25 sum over the question's own
    /// tokens plus, per synonym group, the best of its words' BM25 (summed over the word's tokens) — a row naming
    /// every synonym of a word is not worth more than one naming the word. Scores accumulate in dense arrays (a
    /// common term touches most rows; a dictionary would cost more than the scan).
    func top(_ query: [QueryTerm], limit: Int, accept: (Int) -> Bool) -> [(row: Int, score: Float)] {
        guard limit > 0, query.contains(where: { terms[$0.term] != nil }) else { return [] }
        let count = lengths.count
        var scores = [Float](repeating: 0, count: count)
        var allowed = [Int8](repeating: -1, count: count)
        // Per synonym group: the best word score of each row so far, and the current word's score.
        var groupBest = [Float](repeating: 0, count: count), wordScore = [Float](repeating: 0, count: count)
        var groupRows: [Int] = [], wordRows: [Int] = []
        // Adds one term's BM25 to the row totals (own tokens) or to the current word's scores (synonyms).
        func add(_ term: QueryTerm, toWord: Bool) {
            guard let id = terms[term.term] else { return }
            let list = postings[Int(id)]
            let frequencyOfDocuments = Float(list.count)
            let idf = log(1 + (Float(count) - frequencyOfDocuments + 0.5) / (frequencyOfDocuments + 0.5))
            for posting in list {
                let row = Int(posting.row)
                if allowed[row] < 0 { allowed[row] = accept(row) ? 1 : 0 }
                guard allowed[row] == 1 else { continue }
                let tf = Float(posting.frequency)
                let norm = Self.k1 * (1 - Self.b + Self.b * Float(lengths[row]) / averageLength)
                let score = term.weight * idf * tf * (Self.k1 + 1) / (tf + norm)
                if toWord {
                    if wordScore[row] == 0 { wordRows.append(row) }
                    wordScore[row] += score
                } else {
                    scores[row] += score
                }
            }
        }
        func closeWord() {
            for row in wordRows {
                if groupBest[row] == 0 { groupRows.append(row) }
                groupBest[row] = max(groupBest[row], wordScore[row])
                wordScore[row] = 0
            }
            wordRows.removeAll(keepingCapacity: true)
        }
        func closeGroup() {
            closeWord()
            for row in groupRows {
                scores[row] += groupBest[row]
                groupBest[row] = 0
            }
            groupRows.removeAll(keepingCapacity: true)
        }
        var current: (group: Int, word: Int)?
        for term in query {
            guard let group = term.group else {
                add(term, toWord: false)
                continue
            }
            if let open = current, open.group != group {
                closeGroup()
            } else if let open = current, open.word != term.word {
                closeWord()
            }
            current = (group, term.word)
            add(term, toWord: true)
        }
        closeGroup()
        var best = TopScores(capacity: min(limit, count))
        for row in 0..<count where scores[row] > 0 { best.offer(row: row, score: scores[row]) }
        return best.ranked
    }

    /// The query terms row `row` contains, in query order.
    func matchedTerms(_ query: [QueryTerm], row: Int) -> [String] {
        query.compactMap { query in
            guard let id = terms[query.term] else { return nil }
            return Self.contains(postings[Int(id)], row: Int32(row)) ? query.term : nil
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
