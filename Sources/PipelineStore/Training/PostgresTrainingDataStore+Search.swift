import PipelineCore
import Postgres

extension PostgresTrainingDataStore {
    /// Exact cosine search over every stored vector, in memory (`TrainingSearchIndex`): one query for the generation
    /// (plus a reload when the store changed), a dot-product scan, a top-K selection, and one query for the
    /// winners' text. An empty store answers nothing; a store of another model or dimension than the question's
    /// vector refuses with `embeddingMismatch` (vectors of different models are never compared).
    public func search(_ vector: [Float], model: String, topK: Int, types: Set<TrainingDataType>) throws
        -> [ScoredTrainingItem] {
        let snapshot = try pool.withConnection { connection in try index.snapshot(on: connection) }
        guard let storedModel = snapshot.model, snapshot.count > 0, topK > 0 else { return [] }
        guard storedModel == model, snapshot.dimension == vector.count else {
            throw TrainingStoreError.embeddingMismatch(stored: storedModel, storedDimension: snapshot.dimension,
                                                      given: model, givenDimension: vector.count)
        }
        // Stored vectors are unit length (the provider's contract); scaling the question too makes the score a true
        // cosine whatever its length. A zero question is similar to nothing.
        let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard norm > 0, norm.isFinite else { return [] }
        let query = vector.map { $0 / norm }
        let mask = types.isEmpty ? 0xff : types.reduce(UInt8(0)) { $0 | TrainingVectorSnapshot.typeBit($1) }
        let hits = snapshot.nearest(to: query, topK: topK, typeMask: mask)
        guard !hits.isEmpty else { return [] }
        let items = try pool.withConnection { connection in
            try Self.items(ids: hits.map { snapshot.ids[$0.row] }, on: connection)
        }
        // An item deleted since the snapshot was taken is simply left out.
        return hits.compactMap { hit in
            items[snapshot.ids[hit.row]].map { ScoredTrainingItem(item: $0, score: hit.score) }
        }
    }
}
