import PipelineCore
import Postgres

/// The `training_store_state` row as a writer sees it after locking it, and the embedding-model rule.
///
/// Every writing transaction of `PostgresTrainingDataStore` starts with `lock(on:)`: writes are serialised (they are
/// rare and short), the model check cannot race with another writer, and the generation triggers always find the
/// row already locked by their own transaction, so writers never deadlock on it.
struct TrainingStoreState {
    var model: String?
    var dimension: Int?
    var hasItems: Bool

    /// Locks the row (`FOR UPDATE`) until the transaction ends and reads it.
    static func lock(on connection: PostgresConnection) throws -> TrainingStoreState {
        let rows = try connection.query(PostgresQuery("""
            SELECT embedding_model, dimension, EXISTS (SELECT 1 FROM training_items) AS has_items
            FROM training_store_state
            FOR UPDATE
            """))
        guard let row = rows.first else {
            throw PipelineError.internalFailure("training_store_state has no row (migration 4 not applied?)")
        }
        return TrainingStoreState(model: try row.optionalString("embedding_model"),
                                  dimension: try row.optionalInt("dimension"), hasItems: try row.bool("has_items"))
    }

    /// The store takes vectors of one model and dimension only. An empty store takes any and records them; a store
    /// holding items refuses others with `embeddingMismatch`.
    mutating func accept(model: String, dimension: Int, on connection: PostgresConnection) throws {
        if hasItems, let storedModel = self.model {
            let storedDimension = self.dimension ?? 0
            guard storedModel == model, storedDimension == dimension else {
                throw TrainingStoreError.embeddingMismatch(stored: storedModel, storedDimension: storedDimension,
                                                          given: model, givenDimension: dimension)
            }
            return
        }
        // An empty store (or rows without a recorded model, which only direct SQL can make) records the new one.
        guard self.model != model || self.dimension != dimension else { return }
        try connection.execute(PostgresQuery(
            "UPDATE training_store_state SET embedding_model = $1, dimension = $2", [model, dimension]))
        self.model = model
        self.dimension = dimension
    }

    /// Forgets the recorded model (the store was emptied).
    mutating func reset(on connection: PostgresConnection) throws {
        try connection.execute(PostgresQuery("UPDATE training_store_state SET embedding_model = NULL, dimension = NULL"))
        model = nil
        dimension = nil
        hasItems = false
    }

    /// Checks that every vector has the length of the first and that it is not empty; throws `badVector` naming the
    /// first offender. Returns the common length.
    static func commonDimension(of items: [EmbeddedTrainingItem], recorded: Int?) throws -> Int {
        guard let first = items.first else { return recorded ?? 0 }
        let expected = first.vector.isEmpty
            ? (recorded ?? items.first { !$0.vector.isEmpty }?.vector.count ?? 1)
            : first.vector.count
        for embedded in items where embedded.vector.count != expected {
            throw TrainingStoreError.badVector(id: embedded.item.id, expected: expected, actual: embedded.vector.count)
        }
        return expected
    }
}
