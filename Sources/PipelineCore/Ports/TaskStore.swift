import Foundation

/// What a new task is created with.
public struct NewTask: Sendable {
    public var name: String?
    public var parameters: TaskParameters
    public var dbName: String?
    public var createdBy: String

    public init(name: String?, parameters: TaskParameters, dbName: String?, createdBy: String) {
        self.name = name
        self.parameters = parameters
        self.dbName = dbName
        self.createdBy = createdBy
    }
}

/// Columns the task search may sort by (wire names are the raw values).
public enum TaskSortField: String, CaseIterable, Sendable {
    case createdAt = "created_at"
    case startedAt = "started_at"
    case completedAt = "completed_at"
    case taskName = "task_name"
    case status
}

/// Filters, order and page of a task listing.
public struct TaskListQuery: Sendable, Hashable {
    public var status: TaskStatus?
    public var nameKeyword: String?
    public var createdBy: String?
    public var dbName: String?
    public var createdFrom: Date?
    public var createdTo: Date?
    public var sortBy: TaskSortField = .createdAt
    public var ascending = false
    public var limit = 50
    public var offset = 0

    public init() {}
}

/// What a guarded removal of a task (row or directory) found.
public enum TaskRemoval: Sendable, Equatable {
    case done
    /// The task is in progress: nothing was changed.
    case running
    case notFound
}

/// Persistence of tasks and their steps (the state database).
///
/// Instances are confined to one thread (each responder thread has its own connection); hence not `Sendable`.
public protocol TaskStore: AnyObject {
    /// Creates the task and its four pending steps in one transaction. The id is `task_YYYYMMDD_HHMMSS` of `now`,
    /// with `_2`, `_3`, … when that id is taken.
    func createTask(_ task: NewTask, now: Date) throws -> PipelineTask
    /// The task with its steps in pipeline order, or nil.
    func task(_ id: TaskID) throws -> PipelineTask?
    func taskExists(_ id: TaskID) throws -> Bool
    /// One page of tasks and the number of all tasks matching the filters.
    func listTasks(_ query: TaskListQuery) throws -> (tasks: [TaskSummary], total: Int)
    /// Records that the task's directory is to be removed, in the statement that checks the task is not running
    /// (a claim committed in between wins and the directory stays). Remove the directory only after `.done`.
    func markDirectoryDeleted(_ id: TaskID, now: Date) throws -> TaskRemoval
    /// Deletes the task row and its steps unless the task is running, in one statement.
    func deleteTask(_ id: TaskID) throws -> TaskRemoval
    /// A cheap round trip proving the state database answers.
    func ping() throws

    /// Claims the task for a new execution with one conditional UPDATE; false when it is already in progress,
    /// so of two simultaneous executes exactly one wins.
    func claim(_ id: TaskID, executionID: String, mode: ExecutionMode, now: Date) throws -> Bool
    /// Marks the execution failed (its worker is lost, or could not be started), with its running step;
    /// false when `executionID` is no longer the task's running execution, or (with `ifHeartbeatAt`) when a newer
    /// heartbeat than the one judged has arrived since: a liveness verdict holds only for the heartbeat it saw.
    func failExecution(_ id: TaskID, executionID: String, ifHeartbeatAt judged: Date?, message: String, now: Date) throws -> Bool
    /// Marks every running execution whose heartbeat is older than `cutoff` failed (worker lost); returns how many.
    func failStaleExecutions(heartbeatBefore cutoff: Date, message: String, now: Date) throws -> Int
    /// Queues a lost execution again instead of failing it (`DP_RETRY_LOST_EXECUTIONS`), under the same conditions as
    /// `failExecution` and only while the task was re-queued fewer than `retryLimit` times: the execution gets a new
    /// id (so the lost worker, should it still run somewhere, can no longer write), its running step goes back to
    /// pending, and a queue row asks the next worker to resume from the first unfinished step. False when it was not
    /// re-queued (then fail it).
    func requeueLostExecution(_ id: TaskID, executionID: String, ifHeartbeatAt judged: Date?, retryLimit: Int,
                              now: Date) throws -> Bool
    /// `requeueLostExecution` for every running execution whose heartbeat is older than `cutoff` and which may be
    /// retried; returns how many were re-queued (fail the rest with `failStaleExecutions`).
    func requeueStaleExecutions(heartbeatBefore cutoff: Date, retryLimit: Int, now: Date) throws -> Int
    /// Records a cancel request for the running execution and returns its worker; nil when nothing runs.
    func requestCancel(_ id: TaskID, now: Date) throws -> WorkerInfo?
}
