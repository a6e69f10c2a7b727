import Foundation

/// `complete` runs every enabled step in order; `step` runs one; `refresh` redoes only what the business database's
/// changes since the last run touch (docs/api.md §2.5).
public enum ExecutionMode: String, Sendable, Codable, CaseIterable {
    case complete
    case step
    case refresh
}

/// The vector-store flags of execute (predecessor's `backup_vector_tables`, `truncate_vector_tables`, `skip_training`).
public struct VectorFlags: Sendable, Equatable, Codable {
    public var backupVectorTables = false
    public var truncateVectorTables = false
    public var skipTraining = false

    public init(backupVectorTables: Bool = false, truncateVectorTables: Bool = false, skipTraining: Bool = false) {
        self.backupVectorTables = backupVectorTables
        // Truncating implies a backup first, as in the predecessor.
        self.truncateVectorTables = truncateVectorTables
        self.skipTraining = skipTraining
        if truncateVectorTables { self.backupVectorTables = true }
    }
}

/// One execution of a task as the responder hands it to a worker process.
public struct WorkerLaunch: Sendable, Equatable {
    public var taskID: TaskID
    public var executionID: String
    public var mode: ExecutionMode
    public var step: StepName?
    public var vectorFlags: VectorFlags
    /// The task's log file, which receives the worker's stdout and stderr.
    public var logFile: URL
    /// n > 0: the n-th retry of an execution whose worker was lost; the worker resumes at the first unfinished step.
    public var resumeAttempt: Int

    public init(taskID: TaskID, executionID: String, mode: ExecutionMode, step: StepName?, vectorFlags: VectorFlags, logFile: URL,
                resumeAttempt: Int = 0) {
        self.taskID = taskID
        self.executionID = executionID
        self.mode = mode
        self.step = step
        self.vectorFlags = vectorFlags
        self.logFile = logFile
        self.resumeAttempt = resumeAttempt
    }

    /// `<task_id>_exec_<YYYYMMDD_HHMMSS>_<4 hex>`: unique per run, readable in logs.
    public static func newExecutionID(for task: TaskID, now: Date) -> String {
        "\(task.rawValue)_exec_\(LocalTimestamp.compact(now))_\(String(format: "%04x", UInt16.random(in: 0...UInt16.max)))"
    }

    /// The worker's command-line arguments (no secrets: those travel in the environment).
    public var arguments: [String] {
        var arguments = ["--task-id", taskID.rawValue, "--execution-id", executionID, "--execution-mode", mode.rawValue]
        if let step { arguments += ["--step-name", step.rawValue] }
        if vectorFlags.backupVectorTables { arguments.append("--backup-vector-tables") }
        if vectorFlags.truncateVectorTables { arguments.append("--truncate-vector-tables") }
        if vectorFlags.skipTraining { arguments.append("--skip-training") }
        if resumeAttempt > 0 { arguments += ["--resume-attempt", String(resumeAttempt)] }
        return arguments
    }
}

/// Starts worker processes (the responder's `Process`-based launcher in production).
public protocol WorkerLauncher: Sendable {
    /// Starts the worker detached; returns once it is started. Throws when it cannot be started at all.
    func launch(_ launch: WorkerLaunch) throws
}
