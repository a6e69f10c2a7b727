import Foundation

/// Starts queued executions on this host, up to `capacity` workers at once (`DP_MAX_WORKERS`). Called after an
/// execute on the request's thread (so a host with room starts the worker before it answers) and by the queue
/// listener when PostgreSQL announces a queued execution or a finished one, and on its periodic sweep.
/// Holds no state of its own: the capacity is counted in the database, under a per-host lock, so any number of
/// threads and processes of one host may call it at once.
public struct ExecutionDispatcher: Sendable {
    public enum Event: Sendable {
        case started(TaskID, executionID: String)
        case launchFailed(TaskID, executionID: String, error: any Error)
        case workerGone(TaskID, executionID: String)
        /// The worker was gone and the execution queued again from its first unfinished step (`retryLimit`).
        case workerGoneRequeued(TaskID, executionID: String)
        /// Slots still held by workers whose run has ended but whose process has not exited yet: call again soon.
        case slotsHeldByExitingWorkers(Int)
    }

    public static let launchFailedMessage = "启动执行进程失败"
    /// How far back an ended run's process is looked for: a worker exits within moments of its final write.
    static let exitingWindow: TimeInterval = 60

    public let hostID: String
    public let capacity: Int
    /// How often a lost execution is queued again before it fails (`DP_RETRY_LOST_EXECUTIONS`).
    public let retryLimit: Int
    private let launcher: WorkerLauncher
    private let tasksRoot: URL
    private let clock: @Sendable () -> Date

    public init(hostID: String, capacity: Int, launcher: WorkerLauncher, tasksRoot: URL, retryLimit: Int = 0,
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.hostID = hostID
        self.capacity = capacity
        self.retryLimit = retryLimit
        self.launcher = launcher
        self.tasksRoot = tasksRoot
        self.clock = clock
    }

    /// Claims what fits and launches each worker locally; returns what happened, for the caller's log.
    /// A worker that has written its end but not exited yet still counts: the host never runs more than
    /// `capacity` worker processes, not only more than `capacity` runs.
    @discardableResult
    public func dispatch(using queue: ExecutionQueue) throws -> [Event] {
        let exiting = try queue.workers(on: hostID, endedSince: clock().addingTimeInterval(-Self.exitingWindow))
            .filter { !$0.isRunning && LocalProcess.isAlive($0) }.count
        let claimed = try queue.claimQueued(host: hostID, capacity: capacity - exiting, now: clock())
        let events: [Event] = claimed.map { execution in
            let directory = TaskDirectory(root: tasksRoot, taskID: execution.taskID)
            do {
                try directory.create()
                try launcher.launch(execution.launch(logFile: directory.fileURL(TaskLog.fileName)))
                return .started(execution.taskID, executionID: execution.executionID)
            } catch {
                _ = try? queue.failExecution(execution.taskID, executionID: execution.executionID, ifHeartbeatAt: nil,
                                             message: Self.launchFailedMessage, now: clock())
                return .launchFailed(execution.taskID, executionID: execution.executionID, error: error)
            }
        }
        return exiting > 0 ? events + [.slotsHeldByExitingWorkers(exiting)] : events
    }

    /// Fails this host's executions whose worker process no longer exists (a pid is checked only on its own host:
    /// other hosts' workers are judged by their heartbeats), so their slots are free again at once.
    @discardableResult
    public func failVanishedWorkers(using queue: ExecutionQueue) throws -> [Event] {
        try queue.workers(on: hostID, endedSince: clock()).compactMap { worker in
            // No pid yet: the worker is starting (the heartbeat timeout covers one that never registers).
            guard worker.isRunning, worker.pid ?? 0 > 0, !LocalProcess.isAlive(worker) else { return nil }
            if try queue.requeueLostExecution(worker.taskID, executionID: worker.executionID,
                                              ifHeartbeatAt: worker.heartbeatAt, retryLimit: retryLimit, now: clock()) {
                return .workerGoneRequeued(worker.taskID, executionID: worker.executionID)
            }
            let failed = try queue.failExecution(worker.taskID, executionID: worker.executionID,
                                                 ifHeartbeatAt: worker.heartbeatAt,
                                                 message: WorkerLiveness.lostMessage(host: hostID), now: clock())
            return failed ? .workerGone(worker.taskID, executionID: worker.executionID) : nil
        }
    }
}

/// Whether a worker's process is still alive on this host: the pid exists, is no zombie (exited, not yet reaped by
/// its parent) and still runs that execution (its arguments name the execution id, so a pid reused by another
/// process does not count). Without /proc only the pid's existence is checked.
enum LocalProcess {
    static func isAlive(_ worker: HostWorker) -> Bool {
        guard let pid = worker.pid, pid > 0 else { return false }
        if kill(pid, 0) != 0, errno == ESRCH { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.range(of: ") ", options: .backwards) else { return true }
        guard stat[close.upperBound...].first != "Z" else { return false }
        guard let arguments = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return true }
        return arguments.split(separator: 0).contains { $0.elementsEqual(worker.executionID.utf8) }
    }
}
