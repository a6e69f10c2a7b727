import Foundation

/// An accepted execution waiting in the state database for a host with a free worker slot.
public struct QueuedExecution: Sendable, Equatable {
    public var taskID: TaskID
    public var executionID: String
    public var mode: ExecutionMode
    public var step: StepName?
    public var vectorFlags: VectorFlags
    /// 0 for an execute; n for the n-th re-queue of an execution whose worker was lost (`DP_RETRY_LOST_EXECUTIONS`).
    public var resumeAttempt: Int

    public init(taskID: TaskID, executionID: String, mode: ExecutionMode, step: StepName?, vectorFlags: VectorFlags,
                resumeAttempt: Int = 0) {
        self.taskID = taskID
        self.executionID = executionID
        self.mode = mode
        self.step = step
        self.vectorFlags = vectorFlags
        self.resumeAttempt = resumeAttempt
    }

    /// The worker launch for this execution, its output appended to `logFile`.
    public func launch(logFile: URL) -> WorkerLaunch {
        WorkerLaunch(taskID: taskID, executionID: executionID, mode: mode, step: step, vectorFlags: vectorFlags,
                     logFile: logFile, resumeAttempt: resumeAttempt)
    }
}

/// Where a queued execution stands: `position` 1 is the next to start.
public struct QueuePlace: Sendable, Equatable {
    public var position: Int
    public var queuedAt: Date

    public init(position: Int, queuedAt: Date) {
        self.position = position
        self.queuedAt = queuedAt
    }
}

/// A worker started on one host, as the dispatcher checks it: running, or its run recorded as ended.
public struct HostWorker: Sendable, Equatable {
    public var taskID: TaskID
    public var executionID: String
    public var pid: Int32?
    public var heartbeatAt: Date?
    /// False once the run's end is recorded (the process may still be exiting).
    public var isRunning: Bool

    public init(taskID: TaskID, executionID: String, pid: Int32?, heartbeatAt: Date?, isRunning: Bool = true) {
        self.taskID = taskID
        self.executionID = executionID
        self.pid = pid
        self.heartbeatAt = heartbeatAt
        self.isRunning = isRunning
    }
}

/// The work queue in the state database (ARCHITECTURE.md scale-out): every execute is queued, and any responder
/// host with a free worker slot claims the oldest queued execution and starts its worker. One thread each (like
/// `TaskStore`), hence not `Sendable`.
public protocol ExecutionQueue: AnyObject {
    /// Claims the task for `execution` (one conditional UPDATE, as before: false when it is already in progress)
    /// and queues it, in one transaction. Until a host starts it the task is `in_progress` without a worker host
    /// or heartbeat, so no liveness check counts it lost.
    func enqueue(_ execution: QueuedExecution, now: Date) throws -> Bool
    /// Takes the oldest queued executions this host has room for (`capacity` minus its running workers; the count
    /// and the take are serialised per host, queue rows are taken with `FOR UPDATE SKIP LOCKED` so no two hosts
    /// take the same) and records `host` and a first heartbeat on their tasks.
    func claimQueued(host: String, capacity: Int, now: Date) throws -> [QueuedExecution]
    /// The task's place in the queue; nil when it is not queued.
    func place(of id: TaskID) throws -> QueuePlace?
    /// Removes the task's queued execution and fails it as cancelled (the cancel request is recorded, as for a
    /// running one); returns its execution id, nil when it was not queued (any more).
    func cancelQueued(_ id: TaskID, message: String, now: Date) throws -> String?
    /// The executions whose worker was started on `host`: running ones, and those that ended since `endedSince`.
    func workers(on host: String, endedSince: Date) throws -> [HostWorker]
    /// Fails an execution this host could not start, or whose worker is gone (`TaskStore.failExecution`).
    func failExecution(_ id: TaskID, executionID: String, ifHeartbeatAt judged: Date?, message: String, now: Date) throws -> Bool
    /// Queues a lost execution again instead of failing it (`TaskStore.requeueLostExecution`).
    func requeueLostExecution(_ id: TaskID, executionID: String, ifHeartbeatAt judged: Date?, retryLimit: Int,
                              now: Date) throws -> Bool
}
