import Foundation
#if canImport(Glibc)
import Glibc
#endif
import PipelineCore
import Postgres

/// The store's vectors in memory, shared by all threads of the process, kept fresh by
/// `training_store_state.generation` (bumped by triggers whenever `training_items` changes, whoever changes it).
///
/// A search costs one small query for the generation; only when it differs from the cached snapshot's is the
/// snapshot refreshed, by one thread while the others wait for its result: with the rows the change log names
/// (`TrainingSnapshotUpdate`, migration 8), else by reading every row again. Either is read in one
/// `REPEATABLE READ` transaction, so a snapshot's generation and its rows always belong together.
final class TrainingSearchIndex: @unchecked Sendable {
    private let lock = NSLock()
    private let reloadLock = NSLock()
    private var cached: TrainingVectorSnapshot?
    /// The `ticket` of the load that produced `cached`.
    private var cachedTicket: UInt64 = 0
    private var nextTicket: UInt64 = 1

    /// The snapshot of the store as of now (at least as new as everything committed before the call).
    func snapshot(on connection: PostgresConnection) throws -> TrainingVectorSnapshot {
        let ticket = takeTicket()
        let generation = try connection.query(PostgresQuery("SELECT generation FROM training_store_state"))
            .first?.int("generation")
        if let current = current(), Int64(generation ?? -1) == current.snapshot.generation {
            return current.snapshot
        }
        reloadLock.lock()
        defer { reloadLock.unlock() }
        // While we waited, another thread may have loaded: good enough if its load started after our generation
        // read did (it saw every commit we could have seen), or if it has our generation.
        if let current = current(),
           current.ticket > ticket || Int64(generation ?? -1) == current.snapshot.generation {
            return current.snapshot
        }
        let loadTicket = takeTicket()
        let fresh = try Self.refresh(current()?.snapshot, on: connection)
        lock.lock()
        if loadTicket > cachedTicket {
            cached = fresh
            cachedTicket = loadTicket
        }
        lock.unlock()
        Self.returnFreedMemory()
        return fresh
    }

    /// Hands the pages of the previous snapshot (freed by now unless a search still holds it) back to the system.
    /// malloc keeps freed memory in the arena of the thread that allocated it, and each refresh may run on another
    /// of the responder's threads: without this, RSS grew by about a snapshot's postings (26 MB at 100,000 items)
    /// with every incremental refresh.
    private static func returnFreedMemory() {
        _ = mallocTrim?(0)
    }

    /// glibc's `malloc_trim`, which Swift's Glibc module does not declare (nil elsewhere).
    private static let mallocTrim: (@convention(c) (Int) -> Int32)? = {
        #if canImport(Glibc)
        guard let symbol = dlsym(nil, "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
        #else
        return nil
        #endif
    }()

    private func current() -> (snapshot: TrainingVectorSnapshot, ticket: UInt64)? {
        lock.lock()
        defer { lock.unlock() }
        return cached.map { ($0, cachedTicket) }
    }

    private func takeTicket() -> UInt64 {
        lock.lock()
        defer { lock.unlock() }
        nextTicket += 1
        return nextTicket
    }

    static let loadPage = 1000

    /// `previous` brought up to date with the changed items only (`TrainingSnapshotUpdate`), or a full load when it
    /// cannot be (no snapshot yet, the change log no longer reaches back to it, another model, most rows changed).
    static func refresh(_ previous: TrainingVectorSnapshot?, on connection: PostgresConnection) throws
        -> TrainingVectorSnapshot {
        if let previous, let updated = try TrainingSnapshotUpdate.apply(to: previous, on: connection) {
            return updated
        }
        return try load(on: connection)
    }

    /// The ids of the rows of the model `$1` and dimension `$2`, in byte order (`TrainingSnapshotRow.query`).
    static let idQuery: StaticString = """
        SELECT id FROM training_items WHERE embedding_model = $1 AND octet_length(embedding) = $2 * 4
        ORDER BY id COLLATE "C"
        """

    /// Reads the generation and every vector of the recorded model and dimension in one snapshot of the database.
    static func load(on connection: PostgresConnection) throws -> TrainingVectorSnapshot {
        try connection.transaction { connection in
            let state = try TrainingSnapshotState.read(on: connection)
            guard let model = state.model, let dimension = state.dimension else {
                return TrainingVectorSnapshot(generation: state.generation, model: nil, dimension: 0, ids: [],
                                              typeBits: [], codes: [], scales: [])
            }
            var builder = TrainingSnapshotBuilder(dimension: dimension)
            // In pages of `loadPage` rows by id (the ids first, all in this one snapshot of the database), so the
            // text of the whole store is never in memory at once: at 100,000 rows of dimension 512 the hex alone is
            // 400 MB. Pages by primary key, not OFFSET or `id > last`: the planner may sort the table for each.
            let allIDs = try connection.query(PostgresQuery(Self.idQuery, [model, dimension]))
                .map { try $0.string("id") }
            for start in stride(from: 0, to: allIDs.count, by: Self.loadPage) {
                let page = Array(allIDs[start..<min(start + Self.loadPage, allIDs.count)])
                try TrainingSnapshotRow.read(ids: page, model: model, dimension: dimension, on: connection) {
                    builder.append($0)
                }
            }
            return builder.snapshot(generation: state.generation, model: model)
        }
    }
}
