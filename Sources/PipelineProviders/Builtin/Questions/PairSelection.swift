import PipelineCore

/// Picks `count` drafts with a spread of difficulty (about 3 easy : 4 medium : 3 hard), distinct SQL, starting at a
/// rotation so that themes on the same anchor table ask different questions.
enum PairSelection {
    static func select(_ drafts: [PairDraft], count: Int, rotation: Int) -> [PairDraft] {
        guard count > 0 else { return [] }
        var seen = Set<String>()
        let unique = drafts.filter { seen.insert($0.sql).inserted }
        var buckets = QuestionDifficulty.allCases.map { difficulty in
            rotate(unique.filter { $0.difficulty == difficulty }, by: rotation)
        }
        let shares = [3, 4, 3]
        var quotas = shares.map { Int((Double(count) * Double($0) / 10).rounded(.down)) }
        quotas[1] += count - quotas.reduce(0, +)
        var selected: [PairDraft] = []
        for index in buckets.indices {
            let taken = min(quotas[index], buckets[index].count)
            selected += buckets[index].prefix(taken)
            buckets[index].removeFirst(taken)
        }
        // Short of one difficulty: fill from whatever is left, medium first.
        for index in [1, 2, 0] where selected.count < count {
            let taken = min(count - selected.count, buckets[index].count)
            selected += buckets[index].prefix(taken)
            buckets[index].removeFirst(taken)
        }
        return selected
    }

    static func rotate<T>(_ items: [T], by offset: Int) -> [T] {
        guard !items.isEmpty else { return items }
        let start = ((offset % items.count) + items.count) % items.count
        return Array(items[start...] + items[..<start])
    }
}
