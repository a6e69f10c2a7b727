import Foundation
import PipelineCore

/// The queue's writes change task rows: drop them from this process's read cache at once (the notification follows),
/// so the thread that queued or started an execution reads its own write.
extension CachingTaskStore: ExecutionQueue {
    public func enqueue(_ execution: QueuedExecution, now: Date) throws -> Bool {
        defer { cache.invalidate(execution.taskID) }
        return try inner.enqueue(execution, now: now)
    }

    public func claimQueued(host: String, capacity: Int, now: Date) throws -> [QueuedExecution] {
        let claimed = try inner.claimQueued(host: host, capacity: capacity, now: now)
        for execution in claimed { cache.invalidate(execution.taskID) }
        return claimed
    }

    public func place(of id: TaskID) throws -> QueuePlace? {
        try inner.place(of: id)
    }

    public func cancelQueued(_ id: TaskID, message: String, now: Date) throws -> String? {
        defer { cache.invalidate(id) }
        return try inner.cancelQueued(id, message: message, now: now)
    }

    public func workers(on host: String, endedSince: Date) throws -> [HostWorker] {
        try inner.workers(on: host, endedSince: endedSince)
    }
}
