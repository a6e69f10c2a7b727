import Foundation
import PipelineCore

/// Task reads shared by all responder threads, kept fresh by change notifications (`TaskChangeListener`).
///
/// Correctness rules:
/// * It serves nothing unless a listener is connected (`setEnabled(true)`) and has proved its connection alive
///   recently (`renewLease`); when the listener loses its connection, or stops proving it (a half-open connection),
///   nothing is served and reads go to the database until it is back.
/// * A read from the database is stored only if no invalidation happened while it ran (generation check), so a
///   value read just before a change can never outlive the change's notification.
/// * Versions only go forward: a stored value never replaces a newer version of the task, and a value older than
///   one this process has already answered for the task (`answered`) is never served — a reader that raced a
///   faster one cannot put an older state back.
/// * Entries also expire after `maxAge` seconds, a safety net should a notification ever be missed.
/// * `retire()` (another responder takes over this one's socket) turns serving off for good: from then on this
///   process answers from the database only, as the new one does until this one has exited.
public final class TaskReadCache: @unchecked Sendable {
    private let lock = NSLock()
    private var tasks: [TaskID: (task: PipelineTask, storedAt: Date)] = [:]
    private var lists: [TaskListQuery: (page: [TaskSummary], total: Int, storedAt: Date)] = [:]
    /// The highest version answered per task (from the cache or the database).
    private var answered: [TaskID: Int64] = [:]
    private var generation: UInt64 = 0
    private var enabled = false
    private var retired = false
    /// Serving stops at this time unless the listener renews it (nil: no lease, e.g. a cache driven by hand).
    private var leaseEnd: Date?
    private let maxEntries: Int
    private let maxAge: TimeInterval

    public init(maxEntries: Int = 10_000, maxAge: TimeInterval = 10) {
        self.maxEntries = maxEntries
        self.maxAge = maxAge
    }

    /// The generation a database read starts from; pass it back to `admit`.
    func currentGeneration() -> UInt64 {
        lock.lock()
        defer { lock.unlock() }
        return generation
    }

    func task(_ id: TaskID, now: Date) -> PipelineTask? {
        lock.lock()
        defer { lock.unlock() }
        guard serving(now), let entry = tasks[id], now.timeIntervalSince(entry.storedAt) < maxAge,
              entry.task.version >= answered[id, default: 0] else { return nil }
        return entry.task
    }

    /// A task read from the database is being answered: remember its version and keep it unless a newer version
    /// is cached or something changed while it was read.
    func admit(_ task: PipelineTask, readAt readGeneration: UInt64, now: Date) {
        lock.lock()
        defer { lock.unlock() }
        noteAnswered(task.id, task.version)
        guard serving(now), readGeneration == generation else { return }
        if let cached = tasks[task.id], cached.task.version > task.version { return }
        if tasks.count >= maxEntries { tasks.removeAll(keepingCapacity: true) }
        tasks[task.id] = (task, now)
    }

    func list(_ query: TaskListQuery, now: Date) -> (tasks: [TaskSummary], total: Int)? {
        lock.lock()
        defer { lock.unlock() }
        guard serving(now), let entry = lists[query], now.timeIntervalSince(entry.storedAt) < maxAge else { return nil }
        // A page that shows any task older than already answered is stale: read it again.
        for summary in entry.page where summary.version < answered[summary.id, default: 0] { return nil }
        return (entry.page, entry.total)
    }

    func admit(_ page: [TaskSummary], total: Int, for query: TaskListQuery, readAt readGeneration: UInt64, now: Date) {
        lock.lock()
        defer { lock.unlock() }
        for summary in page { noteAnswered(summary.id, summary.version) }
        guard serving(now), readGeneration == generation else { return }
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

    /// Drops everything and turns serving on or off (off while no listener hears the changes). Turning it on
    /// without a lease serves until turned off; a listener then renews a lease (`renewLease`).
    public func setEnabled(_ isEnabled: Bool) {
        lock.lock()
        defer { lock.unlock() }
        generation &+= 1
        enabled = isEnabled
        leaseEnd = nil
        tasks.removeAll(keepingCapacity: true)
        lists.removeAll(keepingCapacity: true)
    }

    /// The listener proved its connection alive: serve until `end` unless proved again.
    public func renewLease(until end: Date) {
        lock.lock()
        defer { lock.unlock() }
        leaseEnd = end
    }

    /// Another responder takes over: never serve again (this process answers from the database until it exits).
    public func retire() {
        lock.lock()
        defer { lock.unlock() }
        generation &+= 1
        retired = true
        tasks.removeAll(keepingCapacity: true)
        lists.removeAll(keepingCapacity: true)
    }

    public var isEnabled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return enabled && !retired
    }

    public var isRetired: Bool {
        lock.lock()
        defer { lock.unlock() }
        return retired
    }

    /// Whether entries may be served at `now` (lock held).
    private func serving(_ now: Date) -> Bool {
        guard enabled, !retired else { return false }
        return leaseEnd.map { now < $0 } ?? true
    }

    /// Lock held. Bounded like the entries: forgetting versions is safe only together with every entry (what is
    /// cached afterwards was read afterwards, so it is at least as new as anything answered before).
    private func noteAnswered(_ id: TaskID, _ version: Int64) {
        if let known = answered[id], known >= version { return }
        if answered.count >= maxEntries * 2 {
            answered.removeAll(keepingCapacity: true)
            generation &+= 1
            tasks.removeAll(keepingCapacity: true)
            lists.removeAll(keepingCapacity: true)
        }
        answered[id] = version
    }
}
