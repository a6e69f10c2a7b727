import Foundation

/// Decides whether a task that says `in_progress` still has a live worker (ARCHITECTURE.md §1).
public struct WorkerLiveness: Sendable {
    public var timeoutSeconds: Double
    /// This machine's name; a worker on this host can be checked by pid, not only by heartbeat.
    public var hostName: String
    /// How often a lost execution is queued again before it fails (`DP_RETRY_LOST_EXECUTIONS`; 0: never).
    public var retryLimit: Int

    public static let lostMessage = "执行进程已退出或失联"

    /// The lost-worker message naming the worker's host, so an operator of several hosts knows where to look.
    public static func lostMessage(host: String?) -> String {
        guard let host, !host.isEmpty else { return lostMessage }
        return "\(lostMessage)（主机 \(host)）"
    }

    public init(timeoutSeconds: Double, hostName: String = WorkerLiveness.currentHostName, retryLimit: Int = 0) {
        self.timeoutSeconds = timeoutSeconds
        self.hostName = hostName
        self.retryLimit = retryLimit
    }

    /// True when the task is running but its heartbeat is older than the timeout, or its worker pid on this host
    /// no longer exists.
    public func isLost(_ task: PipelineTask, now: Date) -> Bool {
        guard task.status == .inProgress, let worker = task.worker else { return false }
        if let heartbeat = worker.heartbeatAt, now.timeIntervalSince(heartbeat) > timeoutSeconds { return true }
        if let pid = worker.pid, pid > 0, worker.host == hostName, kill(pid, 0) != 0, errno == ESRCH { return true }
        return false
    }

    public static var currentHostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// The worker of a running task, as it registered itself.
public struct WorkerInfo: Sendable, Equatable {
    public var executionID: String?
    public var mode: ExecutionMode?
    public var pid: Int32?
    public var host: String?
    public var heartbeatAt: Date?
    public var cancelRequested: Bool

    public init(executionID: String?, mode: ExecutionMode?, pid: Int32?, host: String?, heartbeatAt: Date?, cancelRequested: Bool) {
        self.executionID = executionID
        self.mode = mode
        self.pid = pid
        self.host = host
        self.heartbeatAt = heartbeatAt
        self.cancelRequested = cancelRequested
    }
}
