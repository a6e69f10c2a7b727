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

    /// Inserts the new items in one transaction; items whose id exists are counted as `existing` and keep their
    /// content, gaining the loading task as one more owner (`task_ids`). Refuses vectors of another model or
    /// dimension than the stored ones, and vectors of unequal length.
    public func upsert(_ items: [EmbeddedTrainingItem], model: String) throws -> TrainingUpsertOutcome {
        guard !items.isEmpty else { return TrainingUpsertOutcome(inserted: 0, existing: 0) }
        return try write { connection, state in
            let dimension = try TrainingStoreState.commonDimension(of: items, recorded: state.dimension)
            try state.accept(model: model, dimension: dimension, on: connection)
            var seen = Set<String>()
            let rows = items.filter { seen.insert($0.item.id).inserted }.map { TrainingItemRow($0, model: model) }
            let inserted = try TrainingItemRows.insert(rows, on: connection)
            let insertedIDs = Set(inserted)
            try claim(items.filter { !insertedIDs.contains($0.item.id) }, on: connection)
            return TrainingUpsertOutcome(inserted: inserted.count, existing: items.count - inserted.count)
        }
    }

    /// The task releases its claim on its items of these tables (or untagged) that it no longer produces; an item
    /// no task claims any more is deleted. An item about several tables is released when any of them is re-loaded
    /// without it. Returns how many items were deleted.
    public func removeStale(taskID: String, tables: [String], keeping: Set<String>) throws -> Int {
        // Untagged items of the task (the metadata document, remembered mistakes) belong to every load of it.
        try write { connection, _ in
            let released = try connection.query(PostgresQuery("""
                UPDATE training_items
                SET task_ids = array_remove(task_ids, $1),
                    task_id = CASE WHEN task_id = $1 THEN (array_remove(task_ids, $1))[1] ELSE task_id END
                WHERE $1 = ANY(task_ids) AND (tables && $2::text[] OR tables = '{}') AND NOT (id = ANY($3::text[]))
                RETURNING id, cardinality(task_ids) AS owners
                """, [taskID, tables, keeping.sorted()]))
            let orphans = try released.compactMap { row in try row.int("owners") == 0 ? try row.string("id") : nil }
            guard !orphans.isEmpty else { return 0 }
            return try connection.execute(PostgresQuery("DELETE FROM training_items WHERE id = ANY($1::text[])", [orphans]))
        }
    }

    /// Adds each item's task to the owners of the stored item with its id (items loaded before by another task).
    private func claim(_ items: [EmbeddedTrainingItem], on connection: PostgresConnection) throws {
        let byTask = Dictionary(grouping: items.compactMap { item in item.item.taskID.map { ($0, item.item.id) } }, by: \.0)
        for (taskID, pairs) in byTask {
            try connection.execute(PostgresQuery("""
                UPDATE training_items SET task_ids = array_append(task_ids, $1)
                WHERE id = ANY($2::text[]) AND NOT ($1 = ANY(task_ids))
                """, [taskID, pairs.map(\.1)]))
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
