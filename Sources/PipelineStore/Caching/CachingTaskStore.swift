import Foundation
import PipelineCore

/// `TaskStore` that answers task and list reads from the shared `TaskReadCache` when it can, and otherwise from
/// the database (one round trip). Writes go to the database and invalidate locally at once, so a thread reads its
/// own writes without waiting for the notification.
public final class CachingTaskStore: TaskStore {
    let inner: PostgresTaskStore
    let cache: TaskReadCache
    private let clock: @Sendable () -> Date

    public init(inner: PostgresTaskStore, cache: TaskReadCache, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.inner = inner
        self.cache = cache
        self.clock = clock
    }

    /// Test hook: runs after a database read and before its value is offered to the cache (a test pauses a
    /// reader here to let a newer read overtake it).
    public var afterDatabaseRead: ((TaskID) -> Void)?

    public func task(_ id: TaskID) throws -> PipelineTask? {
        let now = clock()
        if let cached = cache.task(id, now: now) { return cached }
        let generation = cache.currentGeneration()
        guard let task = try inner.task(id) else { return nil }
        afterDatabaseRead?(id)
        cache.admit(task, readAt: generation, now: now)
        return task
    }

    public func taskExists(_ id: TaskID) throws -> Bool {
        try task(id) != nil
    }

    public func listTasks(_ query: TaskListQuery) throws -> (tasks: [TaskSummary], total: Int) {
        let now = clock()
        if let cached = cache.list(query, now: now) { return cached }
        let generation = cache.currentGeneration()
        let result = try inner.listTasks(query)
        cache.admit(result.tasks, total: result.total, for: query, readAt: generation, now: now)
        return result
    }

    public func createTask(_ task: NewTask, now: Date) throws -> PipelineTask {
        let created = try inner.createTask(task, now: now)
        cache.invalidate(created.id)
        return created
    }

    public func markDirectoryDeleted(_ id: TaskID, now: Date) throws -> TaskRemoval {
        defer { cache.invalidate(id) }
        return try inner.markDirectoryDeleted(id, now: now)
    }

    public func deleteTask(_ id: TaskID) throws -> TaskRemoval {
        defer { cache.invalidate(id) }
        return try inner.deleteTask(id)
    }

    public func ping() throws {
        try inner.ping()
    }

    public func claim(_ id: TaskID, executionID: String, mode: ExecutionMode, now: Date) throws -> Bool {
        defer { cache.invalidate(id) }
        return try inner.claim(id, executionID: executionID, mode: mode, now: now)
    }

    public func failExecution(_ id: TaskID, executionID: String, ifHeartbeatAt judged: Date?, message: String,
                              now: Date) throws -> Bool {
        defer { cache.invalidate(id) }
        return try inner.failExecution(id, executionID: executionID, ifHeartbeatAt: judged, message: message, now: now)
    }

    public func failStaleExecutions(heartbeatBefore cutoff: Date, message: String, now: Date) throws -> Int {
        let count = try inner.failStaleExecutions(heartbeatBefore: cutoff, message: message, now: now)
        if count > 0 { cache.invalidateAll() }
        return count
    }

    public func requeueLostExecution(_ id: TaskID, executionID: String, ifHeartbeatAt judged: Date?, retryLimit: Int,
                                     now: Date) throws -> Bool {
        defer { cache.invalidate(id) }
        return try inner.requeueLostExecution(id, executionID: executionID, ifHeartbeatAt: judged, retryLimit: retryLimit,
                                              now: now)
    }

    public func requeueStaleExecutions(heartbeatBefore cutoff: Date, retryLimit: Int, now: Date) throws -> Int {
        let count = try inner.requeueStaleExecutions(heartbeatBefore: cutoff, retryLimit: retryLimit, now: now)
        if count > 0 { cache.invalidateAll() }
        return count
    }

    public func requestCancel(_ id: TaskID, now: Date) throws -> WorkerInfo? {
        defer { cache.invalidate(id) }
        return try inner.requestCancel(id, now: now)
    }
}
