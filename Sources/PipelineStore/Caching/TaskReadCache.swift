import Foundation
import PipelineCore

/// Task reads shared by all responder threads, kept fresh by change notifications (`TaskChangeListener`).
///
/// Correctness rules:
/// * It serves nothing unless a listener is connected (`setEnabled(true)`); when the listener loses its
///   connection everything is dropped and reads go to the database until it is back.
/// * A read from the database is stored only if no invalidation happened while it ran (generation check), so a
///   value read just before a change can never outlive the change's notification.
/// * Entries also expire after `maxAge` seconds, a safety net should a notification ever be missed.
public final class TaskReadCache: @unchecked Sendable {
    private let lock = NSLock()
    private var tasks: [TaskID: (task: PipelineTask, storedAt: Date)] = [:]
    private var lists: [TaskListQuery: (page: [TaskSummary], total: Int, storedAt: Date)] = [:]
    private var generation: UInt64 = 0
    private var enabled = false
    private let maxEntries: Int
    private let maxAge: TimeInterval

    public init(maxEntries: Int = 10_000, maxAge: TimeInterval = 10) {
        self.maxEntries = maxEntries
        self.maxAge = maxAge
    }

    /// The generation a database read starts from; pass it back to `store`.
    func currentGeneration() -> UInt64 {
        lock.lock()
        defer { lock.unlock() }
        return generation
    }

    func task(_ id: TaskID, now: Date) -> PipelineTask? {
        lock.lock()
        defer { lock.unlock() }
        guard enabled, let entry = tasks[id], now.timeIntervalSince(entry.storedAt) < maxAge else { return nil }
        return entry.task
    }

    func store(_ task: PipelineTask, readAt readGeneration: UInt64, now: Date) {
        lock.lock()
        defer { lock.unlock() }
        guard enabled, readGeneration == generation else { return }
        if tasks.count >= maxEntries { tasks.removeAll(keepingCapacity: true) }
        tasks[task.id] = (task, now)
    }

    func list(_ query: TaskListQuery, now: Date) -> (tasks: [TaskSummary], total: Int)? {
        lock.lock()
        defer { lock.unlock() }
        guard enabled, let entry = lists[query], now.timeIntervalSince(entry.storedAt) < maxAge else { return nil }
        return (entry.page, entry.total)
    }

    func store(_ page: [TaskSummary], total: Int, for query: TaskListQuery, readAt readGeneration: UInt64, now: Date) {
        lock.lock()
        defer { lock.unlock() }
        guard enabled, readGeneration == generation else { return }
        if lists.count >= 256 { lists.removeAll(keepingCapacity: true) }
        lists[query] = (page, total, now)
    }

    /// A task changed: its entry and every list go (a list may show it).
    public func invalidate(_ id: TaskID) {
        lock.lock()
        defer { lock.unlock() }
        generation &+= 1
        tasks[id] = nil
        lists.removeAll(keepingCapacity: true)
    }

    /// Several tasks changed at once: everything goes.
    public func invalidateAll() {
        lock.lock()
        defer { lock.unlock() }
        generation &+= 1
        tasks.removeAll(keepingCapacity: true)
        lists.removeAll(keepingCapacity: true)
    }

    /// Drops everything and turns serving on or off (off while no listener hears the changes).
    public func setEnabled(_ isEnabled: Bool) {
        lock.lock()
        defer { lock.unlock() }
        generation &+= 1
        enabled = isEnabled
        tasks.removeAll(keepingCapacity: true)
        lists.removeAll(keepingCapacity: true)
    }

    public var isEnabled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return enabled
    }
}
