import PipelineCore

/// Reciprocal-rank fusion of the vector ranking and the lexical (BM25) ranking of one snapshot (issue 14).
///
/// Each ranking contributes `weight / (k + rank)` for the rows among its first `depth` candidates; the sum orders the
/// results, ties broken by cosine and then row (id) order, so a search is deterministic. Ranks, not raw scores, are
/// fused: cosine and BM25 live on scales that cannot be added. The order is then diversified (`diversified`).
struct TrainingSearchFusion {
    static let k: Float = 60
    /// The weight of the vector ranking: 1 for a semantic embedding model, 0.3 for the service's own `builtin-*`
    /// embedders, whose vectors hash character n-grams — the surface the lexical index already matches, without its
    /// synonyms and glossary — so their ranking mostly breaks ties (measured on the labelled questions of
    /// deploy/sample: 0.3 ranks as well as the lexical index alone, 1 loses 2–3 of 40).
    static func vectorWeight(model: String?) -> Float {
        (model ?? "").hasPrefix("builtin-") ? 0.3 : 1
    }

    static let lexicalWeight: Float = 1

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

    /// How many times `depth` lexical candidates a surface embedder's vector ranking is taken among.
    static let candidatePool = 20

    func ranked(accept: (Int) -> Bool) -> [Ranked] {
        let terms = request.mode == .vector ? [] : snapshot.lexical.queryTerms(request.question, dbName: request.dbName)
        let vectorWeight = Self.vectorWeight(model: snapshot.model)
        // A surface embedder's vector ranking (weight < 1) is taken among the lexical index's first candidates
        // only: an item sharing no token with the question is no nearer by character n-grams, and the scan of every
        // vector is most of a search's time at 100,000 items. With fewer lexical candidates than `depth`, every
        // vector is scanned, so the results still fill `top_k` from the rest of the store.
        let pool = request.mode == .hybrid && vectorWeight < 1 ? Self.candidatePool * depth : depth
        let lexicalPool = snapshot.lexical.top(terms, limit: pool, accept: accept)
        let lexical = Array(lexicalPool.prefix(depth))
        let vector: [(row: Int, score: Float)]
        if request.mode == .lexical {
            vector = []
        } else if pool > depth, lexicalPool.count >= depth {
            vector = snapshot.nearest(to: query, topK: depth, among: lexicalPool.map(\.row))
        } else {
            vector = snapshot.nearest(to: query, topK: depth, accept: accept)
        }
        var vectorRank: [Int: (rank: Int, score: Float)] = [:]
        for (index, hit) in vector.enumerated() { vectorRank[hit.row] = (index + 1, hit.score) }
        var lexicalRank: [Int: (rank: Int, score: Float)] = [:]
        for (index, hit) in lexical.enumerated() { lexicalRank[hit.row] = (index + 1, hit.score) }

        var rows = vector.map(\.row)
        for hit in lexical where vectorRank[hit.row] == nil { rows.append(hit.row) }
        let results = rows.map { row -> Ranked in
            let v = vectorRank[row], l = lexicalRank[row]
            let fused = (v.map { vectorWeight / (Self.k + Float($0.rank)) } ?? 0)
                + (l.map { Self.lexicalWeight / (Self.k + Float($0.rank)) } ?? 0)
            let cosine = v?.score ?? snapshot.score(row: row, query: query)
            let explanation = TrainingSearchExplanation(
                matchedTerms: request.explain ? snapshot.lexical.matchedTerms(terms, row: row) : [],
                vectorScore: cosine, vectorRank: v?.rank, lexicalScore: l?.score ?? 0, lexicalRank: l?.rank,
                fusedScore: fused)
            return Ranked(row: row, explanation: explanation)
        }
        let sorted = results.sorted(by: Self.before)
        // Vector mode is cosine order alone, as before issue 14.
        guard request.mode != .vector else { return Array(sorted.prefix(request.topK)) }
        return Self.diversified(sorted, topK: request.topK, subjects: snapshot.scopes.subjects)
    }

    /// At most `perSubject` results about the same thing (same type, same tables) before every other candidate has
    /// had its turn: five pairs on one table and measure teach an NL2SQL prompt less than the best two and three
    /// others. The order within each pass is the fused one; the best result always stays first.
    static let perSubject = 2

    static func diversified(_ sorted: [Ranked], topK: Int, subjects: [Int32]) -> [Ranked] {
        var picked: [Ranked] = [], deferred: [Ranked] = [], counts: [Int32: Int] = [:]
        picked.reserveCapacity(topK)
        for result in sorted {
            guard picked.count < topK else { break }
            // Rows without a recorded subject are alike to nothing.
            let subject = result.row < subjects.count ? subjects[result.row] : Int32.min
            let count = subject == Int32.min ? 0 : counts[subject, default: 0]
            if count < perSubject {
                counts[subject] = count + 1
                picked.append(result)
            } else {
                deferred.append(result)
            }
        }
        return picked + deferred.prefix(topK - picked.count)
    }

    private static func before(_ a: Ranked, _ b: Ranked) -> Bool {
        let x = a.explanation, y = b.explanation
        if x.fusedScore != y.fusedScore { return x.fusedScore > y.fusedScore }
        if x.vectorScore != y.vectorScore { return x.vectorScore > y.vectorScore }
        return a.row < b.row
    }
}
