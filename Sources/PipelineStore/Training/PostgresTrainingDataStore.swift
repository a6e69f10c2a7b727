import Foundation
import PipelineCore
import Postgres

/// `TrainingDataStore` on the state database (tables of migration 4).
///
/// One instance serves a whole process: it is thread-safe, holds a small connection pool, and its search index (the
/// vectors in memory, see `TrainingSearchIndex`) is shared by every thread that searches through it. Writers lock
/// the `training_store_state` row first (`TrainingStoreState.lock`), so writes are serialised; readers never wait.
/// Reads, search and backup live in the `+Reading`, `+Search` and `+Backup` extensions.
public final class PostgresTrainingDataStore: TrainingDataStore {
    let pool: StateDatabasePool
    let index = TrainingSearchIndex()

    /// A store on the state database at `url`; nothing connects until first use.
    /// - Parameters:
    ///   - url: the state database.
    ///   - maxConnections: connections opened at most (lazily); the responder's thread count is a good value.
    public init(url: String, applicationName: String = "dp-training", maxConnections: Int = 8) {
        pool = StateDatabasePool(url: url, applicationName: applicationName, capacity: maxConnections)
    }

    /// Inserts the new items in one transaction; items whose id exists are counted as `existing` and left as they
    /// are. Refuses vectors of another model or dimension than the stored ones, and vectors of unequal length.
    public func upsert(_ items: [EmbeddedTrainingItem], model: String) throws -> TrainingUpsertOutcome {
        guard !items.isEmpty else { return TrainingUpsertOutcome(inserted: 0, existing: 0) }
        return try write { connection, state in
            let dimension = try TrainingStoreState.commonDimension(of: items, recorded: state.dimension)
            try state.accept(model: model, dimension: dimension, on: connection)
            var seen = Set<String>()
            let rows = items.filter { seen.insert($0.item.id).inserted }.map { TrainingItemRow($0, model: model) }
            let inserted = try TrainingItemRows.insert(rows, on: connection).count
            return TrainingUpsertOutcome(inserted: inserted, existing: items.count - inserted)
        }
    }

    /// `DELETE … WHERE task_id = $1 AND tables && $2 AND NOT (id = ANY($3))`: an item about several tables goes
    /// when any of them is re-loaded without it.
    public func removeStale(taskID: String, tables: [String], keeping: Set<String>) throws -> Int {
        // Untagged items of the task (the metadata document, remembered mistakes) belong to every load of it.
        try write { connection, _ in
            try connection.execute(PostgresQuery("""
                DELETE FROM training_items
                WHERE task_id = $1 AND (tables && $2::text[] OR tables = '{}') AND NOT (id = ANY($3::text[]))
                """, [taskID, tables, keeping.sorted()]))
        }
    }

    /// Deletes the items with these ids; returns the ids that existed.
    public func delete(ids: [String]) throws -> Set<String> {
        guard !ids.isEmpty else { return [] }
        return try write { connection, _ in
            let rows = try connection.query(PostgresQuery(
                "DELETE FROM training_items WHERE id = ANY($1::text[]) RETURNING id", [ids]))
            return Set(try rows.map { try $0.string("id") })
        }
    }

    /// Deletes item `id` and inserts `replacement` in one transaction; any failure (a vector of the wrong length,
    /// another model) rolls back, so the old item stays.
    ///
    /// When the replacement's content-derived id already belongs to another item, that item already holds exactly
    /// this content: it is kept as it is (with its own tags and creation time, as `upsert` would keep it), the old
    /// item goes, and the answer is true — the store ends with the new content once, never twice.
    public func replace(id: String, with replacement: EmbeddedTrainingItem, model: String) throws -> Bool {
        try write { connection, state in
            let deleted = try connection.execute(PostgresQuery("DELETE FROM training_items WHERE id = $1", [id]))
            guard deleted == 1 else { return false }
            state.hasItems = try connection.query(PostgresQuery("SELECT EXISTS (SELECT 1 FROM training_items) AS has_items"))
                .first?.bool("has_items") ?? false
            let dimension = try TrainingStoreState.commonDimension(of: [replacement], recorded: state.dimension)
            // Checked after the delete: when the old item was the only one, the store may take a new model.
            try state.accept(model: model, dimension: dimension, on: connection)
            var row = TrainingItemRow(replacement, model: model)
            row.createdAt = nil
            _ = try TrainingItemRows.insert([row], on: connection)
            return true
        }
    }

    /// Empties the store and forgets its embedding model.
    public func truncate() throws -> Int {
        try write { connection, state in
            let count = try connection.query(PostgresQuery("SELECT count(*) AS n FROM training_items")).first?.int("n") ?? 0
            try connection.execute(PostgresQuery("TRUNCATE training_items"))
            try state.reset(on: connection)
            return count
        }
    }

    /// Runs `body` in a transaction that first locks the state row.
    func write<T>(_ body: (PostgresConnection, inout TrainingStoreState) throws -> T) throws -> T {
        try pool.withConnection { connection in
            try connection.transaction { connection in
                var state = try TrainingStoreState.lock(on: connection)
                return try body(connection, &state)
            }
        }
    }
}
