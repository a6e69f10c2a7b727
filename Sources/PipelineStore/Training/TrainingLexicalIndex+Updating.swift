extension TrainingLexicalIndex {
    /// This index with rows removed, kept rows renumbered and new rows added, with the same tokenizer and
    /// expansions: the postings, lengths and average length a fresh build over the new rows would have (term ids
    /// may differ; nothing a search reports depends on them).
    ///
    /// - Parameters:
    ///   - rowMap: per old row, its new row, or -1 when it is gone. Kept rows keep their relative order.
    ///   - count: the number of new rows.
    ///   - added: the new rows (ascending) and their texts (with their glossary words).
    /// Costs one pass over every posting (renumbering) plus tokenizing the added texts.
    func updated(rowMap: [Int32], count: Int, added: [(row: Int, text: String)]) -> TrainingLexicalIndex {
        var terms = self.terms
        var lengths = [Int32](repeating: 0, count: count)
        for (old, new) in rowMap.enumerated() where new >= 0 { lengths[Int(new)] = self.lengths[old] }
        // The added rows' postings per term id, in row order (rows come ascending).
        var additions: [Int32: [Posting]] = [:]
        var termCount = Int32(postings.count)
        for (row, text) in added {
            let tokens = tokenizer.tokens(text)
            lengths[row] = Int32(tokens.count)
            var counts: [String: Int32] = [:]
            for token in tokens { counts[token, default: 0] += 1 }
            for (token, frequency) in counts {
                let id: Int32
                if let known = terms[token] {
                    id = known
                } else {
                    id = termCount
                    termCount += 1
                    terms[token] = id
                }
                additions[id, default: []].append(Posting(row: Int32(row), frequency: frequency))
            }
        }
        var postings: [[Posting]] = []
        postings.reserveCapacity(Int(termCount))
        var emptied: [Int32] = []
        for (id, list) in self.postings.enumerated() {
            var kept: [Posting] = []
            kept.reserveCapacity(list.count)
            for posting in list {
                let row = rowMap[Int(posting.row)]
                if row >= 0 { kept.append(Posting(row: row, frequency: posting.frequency)) }
            }
            if let new = additions[Int32(id)] { kept = Self.merged(kept, new) }
            if kept.isEmpty, !list.isEmpty { emptied.append(Int32(id)) }
            postings.append(kept)
        }
        for id in Int32(self.postings.count)..<termCount { postings.append(additions[id] ?? []) }
        if !emptied.isEmpty {
            // A term no row contains any more is forgotten, as a fresh build would never have met it.
            let gone = Set(emptied)
            terms = terms.filter { !gone.contains($0.value) }
        }
        return TrainingLexicalIndex(reusing: self, terms: terms, postings: postings, lengths: lengths)
    }

    /// Two posting lists in row order, merged (no row is in both).
    private static func merged(_ a: [Posting], _ b: [Posting]) -> [Posting] {
        var result: [Posting] = []
        result.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count, j < b.count {
            if a[i].row < b[j].row {
                result.append(a[i])
                i += 1
            } else {
                result.append(b[j])
                j += 1
            }
        }
        result += a[i...]
        result += b[j...]
        return result
    }
}
