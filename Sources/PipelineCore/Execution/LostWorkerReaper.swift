import Foundation

/// Fails the execution of a task whose worker is lost (`WorkerLiveness`: heartbeat too old, or its pid gone on this
/// host), so that an answer shows the task as it really is. This is a write: a route that may do it says so by
/// calling the reaper (status, execute, cancel, delete, and the lists' sweep), never through a plain store read.
/// One per responder thread (it remembers when it last swept), hence not `Sendable`.
public final class LostWorkerReaper {
    /// What was failed, for the caller's log (the core does not log).
    public enum Reaped: Equatable, Sendable {
        case execution(TaskID, executionID: String)
        case stale(count: Int)
        /// Queued again from its first unfinished step instead of failed (`DP_RETRY_LOST_EXECUTIONS`).
        case requeued(TaskID, executionID: String)
        case staleRequeued(count: Int)
    }

    public let liveness: WorkerLiveness
    private let store: TaskStore
    private let clock: @Sendable () -> Date
    private let onReaped: (Reaped) -> Void
    /// How often a thread sweeps before a list at most: the bulk write stays off most list requests.
    private let sweepInterval: TimeInterval
    private var lastSweep = Date.distantPast

    public init(store: TaskStore, liveness: WorkerLiveness, clock: @escaping @Sendable () -> Date = { Date() },
                sweepInterval: TimeInterval = 5, onReaped: @escaping (Reaped) -> Void = { _ in }) {
        self.store = store
        self.liveness = liveness
        self.clock = clock
        self.sweepInterval = sweepInterval
        self.onReaped = onReaped
    }

    /// The task, its lost execution failed first and the task read again; `PipelineError.taskNotFound` when there
    /// is no such task. The failure is written only if no heartbeat arrived since the one judged (the verdict and
    /// the write are one statement), so a worker that was only late keeps its run.
    public func currentTask(_ id: TaskID) throws -> PipelineTask {
        let task = try requireTask(id)
        let now = clock()
        guard liveness.isLost(task, now: now), let executionID = task.worker?.executionID else { return task }
        if try store.requeueLostExecution(id, executionID: executionID, ifHeartbeatAt: task.worker?.heartbeatAt,
                                          retryLimit: liveness.retryLimit, now: now) {
            onReaped(.requeued(id, executionID: executionID))
        } else if try store.failExecution(id, executionID: executionID, ifHeartbeatAt: task.worker?.heartbeatAt,
                                   message: WorkerLiveness.lostMessage(host: task.worker?.host), now: now) {
            onReaped(.execution(id, executionID: executionID))
        }
        return try requireTask(id)
    }

    /// Before a list: fails every execution whose heartbeat is older than the timeout (re-queues it first while it
    /// has retries left), at most every `sweepInterval` on this thread.
    public func sweepStaleExecutions() throws {
        let now = clock()
        guard now.timeIntervalSince(lastSweep) >= sweepInterval else { return }
        lastSweep = now
        let cutoff = now.addingTimeInterval(-liveness.timeoutSeconds)
        let requeued = try store.requeueStaleExecutions(heartbeatBefore: cutoff, retryLimit: liveness.retryLimit, now: now)
        if requeued > 0 { onReaped(.staleRequeued(count: requeued)) }
        let count = try store.failStaleExecutions(heartbeatBefore: cutoff, message: WorkerLiveness.lostMessage, now: now)
        if count > 0 { onReaped(.stale(count: count)) }
    }

    private func requireTask(_ id: TaskID) throws -> PipelineTask {
        guard let task = try store.task(id) else { throw PipelineError.taskNotFound(id) }
        return task
    }
}
