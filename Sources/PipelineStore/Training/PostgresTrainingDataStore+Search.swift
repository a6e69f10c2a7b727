import PipelineCore
import Postgres

extension PostgresTrainingDataStore {
    /// Search over the in-memory snapshot (`TrainingSearchIndex`): one query for the generation (plus a reload when
    /// the store changed), the vector and/or lexical ranking within the filters, their fusion
    /// (`TrainingSearchFusion`), and one query for the winners' text. An empty store answers nothing; a store of
    /// another model or dimension than the question's vector refuses with `embeddingMismatch` (vectors of different
    /// models are never compared), whatever the mode.
    ///
    /// A result's `score` is its cosine similarity; in hybrid and lexical mode the order is the fused one.
    public func search(_ request: TrainingSearchRequest) throws -> [ScoredTrainingItem] {
        let snapshot = try pool.withConnection { connection in try index.snapshot(on: connection) }
        guard let storedModel = snapshot.model, snapshot.count > 0, request.topK > 0 else { return [] }
        let vector = request.vector
        guard storedModel == request.model, snapshot.dimension == vector.count else {
            throw TrainingStoreError.embeddingMismatch(stored: storedModel, storedDimension: snapshot.dimension,
                                                      given: request.model, givenDimension: vector.count)
        }
        // Stored vectors are unit length (the provider's contract); scaling the question too makes the score a true
        // cosine whatever its length. A zero question is similar to nothing (and has no vector ranking).
        let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let usable = norm > 0 && norm.isFinite
        guard usable || request.mode != .vector else { return [] }
        var effective = request
        if !usable { effective.mode = .lexical }
        let query = usable ? vector.map { $0 / norm } : [Float](repeating: 0, count: vector.count)
        let types = request.types
        let mask = types.isEmpty ? 0xff : types.reduce(UInt8(0)) { $0 | TrainingVectorSnapshot.typeBit($1) }
        let inScope = snapshot.scopes.filter(dbName: request.dbName, taskID: request.taskID)
        let typeBits = snapshot.typeBits
        let hits = TrainingSearchFusion(snapshot: snapshot, request: effective, query: query)
            .ranked { typeBits[$0] & mask != 0 && inScope($0) }
        guard !hits.isEmpty else { return [] }
        let ids = hits.map { snapshot.ids[$0.row] }
        let (items, vectors) = try pool.withConnection { connection in
            (try Self.items(ids: ids, on: connection), try Self.vectors(ids: ids, on: connection))
        }
        // An item deleted since the snapshot was taken is simply left out. The snapshot ranks by quantised vectors;
        // the score reported is the exact cosine of the stored one.
        var results = hits.compactMap { hit -> ScoredTrainingItem? in
            let id = snapshot.ids[hit.row]
            guard let item = items[id] else { return nil }
            var explanation = hit.explanation
            if let stored = vectors[id], stored.count == query.count {
                explanation.vectorScore = TrainingVectorSnapshot.exactDot(stored, query)
            }
            return ScoredTrainingItem(item: item, score: explanation.vectorScore,
                                      explanation: request.explain ? explanation : nil)
        }
        // Vector mode orders by cosine: by the exact one (quantisation may swap two nearly equal scores).
        if effective.mode == .vector {
            results = results.enumerated().sorted { ($0.element.score, -$0.offset) > ($1.element.score, -$1.offset) }
                .map(\.element)
        }
        return results
    }

    /// The stored vectors of `ids` (those that still exist).
    static func vectors(ids: [String], on connection: PostgresConnection) throws -> [String: [Float]] {
        let rows = try connection.query(PostgresQuery(
            "SELECT id, encode(embedding, 'hex') AS embedding FROM training_items WHERE id = ANY($1::text[])", [ids]))
        var vectors: [String: [Float]] = [:]
        for row in rows {
            if let vector = TrainingVectorCodec.decodeHex(try row.string("embedding")) {
                vectors[try row.string("id")] = vector
            }
        }
        return vectors
    }
}
