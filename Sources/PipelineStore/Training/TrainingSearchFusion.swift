import PipelineCore

/// Reciprocal-rank fusion of the vector ranking and the lexical (BM25) ranking of one snapshot (issue 14).
///
/// Each ranking contributes `1 / (k + rank)` for the rows among its first `depth` candidates; the sum orders the
/// results, ties broken by cosine and then row (id) order, so a search is deterministic. Ranks, not raw scores, are
/// fused: cosine and BM25 live on scales that cannot be added.
struct TrainingSearchFusion {
    static let k: Float = 60

    struct Ranked {
        var row: Int
        var explanation: TrainingSearchExplanation
    }

    let snapshot: TrainingVectorSnapshot
    let request: TrainingSearchRequest
    /// The unit-length question vector.
    let query: [Float]

    /// Candidates taken from each ranking: enough that an item ranked far down by one and high by the other can win.
    var depth: Int { max(request.topK * 5, 50) }

    func ranked(accept: (Int) -> Bool) -> [Ranked] {
        let terms = request.mode == .vector ? [] : snapshot.lexical.queryTerms(request.question)
        let vector = request.mode == .lexical ? [] : snapshot.nearest(to: query, topK: depth, accept: accept)
        let lexical = snapshot.lexical.top(terms, limit: depth, accept: accept)
        var vectorRank: [Int: (rank: Int, score: Float)] = [:]
        for (index, hit) in vector.enumerated() { vectorRank[hit.row] = (index + 1, hit.score) }
        var lexicalRank: [Int: (rank: Int, score: Float)] = [:]
        for (index, hit) in lexical.enumerated() { lexicalRank[hit.row] = (index + 1, hit.score) }

        var rows = vector.map(\.row)
        for hit in lexical where vectorRank[hit.row] == nil { rows.append(hit.row) }
        let results = rows.map { row -> Ranked in
            let v = vectorRank[row], l = lexicalRank[row]
            let fused = (v.map { 1 / (Self.k + Float($0.rank)) } ?? 0) + (l.map { 1 / (Self.k + Float($0.rank)) } ?? 0)
            let cosine = v?.score ?? snapshot.score(row: row, query: query)
            let explanation = TrainingSearchExplanation(
                matchedTerms: request.explain ? snapshot.lexical.matchedTerms(terms, row: row) : [],
                vectorScore: cosine, vectorRank: v?.rank, lexicalScore: l?.score ?? 0, lexicalRank: l?.rank,
                fusedScore: fused)
            return Ranked(row: row, explanation: explanation)
        }
        return Array(results.sorted(by: Self.before).prefix(request.topK))
    }

    private static func before(_ a: Ranked, _ b: Ranked) -> Bool {
        let x = a.explanation, y = b.explanation
        if x.fusedScore != y.fusedScore { return x.fusedScore > y.fusedScore }
        if x.vectorScore != y.vectorScore { return x.vectorScore > y.vectorScore }
        return a.row < b.row
    }
}
