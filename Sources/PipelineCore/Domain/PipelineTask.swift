import Foundation

/// One task row with its step rows, as the status route needs it.
public struct PipelineTask: Sendable, Equatable {
    public var id: TaskID
    public var name: String?
    public var status: TaskStatus
    public var parameters: TaskParameters
    public var dbName: String?
    public var createdBy: String
    public var createdAt: Date
    public var startedAt: Date?
    public var completedAt: Date?
    public var updatedAt: Date?
    public var errorMessage: String?
    /// The finished run's summary (JSON object text), per step counts; nil until a run ends.
    public var resultJSON: String?
    public var directoryExists: Bool
    /// Progress of the running step, if the worker reported one.
    public var progress: StepProgress?
    public var steps: [TaskStep]
    /// The current or last execution's worker; nil for a never-executed task.
    public var worker: WorkerInfo?
    /// Bumped by the state database with every change of the task or one of its steps: a later state of the same
    /// task always has a higher version (readers compare versions, never clocks).
    public var version: Int64 = 0

    public init(
        id: TaskID, name: String?, status: TaskStatus, parameters: TaskParameters, dbName: String?,
        createdBy: String, createdAt: Date, startedAt: Date? = nil, completedAt: Date? = nil, updatedAt: Date? = nil,
        errorMessage: String? = nil, resultJSON: String? = nil, directoryExists: Bool = true,
        progress: StepProgress? = nil, steps: [TaskStep], worker: WorkerInfo? = nil
    ) {
        self.id = id
        self.name = name
        self.status = status
        self.parameters = parameters
        self.dbName = dbName
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.startedAt = startedAt
        self.completedAt = completedAt
        self.updatedAt = updatedAt
        self.errorMessage = errorMessage
        self.resultJSON = resultJSON
        self.directoryExists = directoryExists
        self.progress = progress
        self.steps = steps
        self.worker = worker
    }

    /// The first step, in pipeline order, that is running.
    public var currentStep: TaskStep? { steps.first { $0.status == .running } }
}

/// One step row.
public struct TaskStep: Sendable, Equatable {
    public var name: StepName
    public var status: StepStatus
    public var executionID: String?
    public var startedAt: Date?
    public var completedAt: Date?
    public var errorMessage: String?

    public init(
        name: StepName, status: StepStatus, executionID: String? = nil, startedAt: Date? = nil,
        completedAt: Date? = nil, errorMessage: String? = nil
    ) {
        self.name = name
        self.status = status
        self.executionID = executionID
        self.startedAt = startedAt
        self.completedAt = completedAt
        self.errorMessage = errorMessage
    }
}

/// How far the running step has got, for a progress bar.
public struct StepProgress: Sendable, Equatable, Codable {
    public var step: StepName
    public var done: Int
    public var total: Int

    public init(step: StepName, done: Int, total: Int) {
        self.step = step
        self.done = done
        self.total = total
    }
}

/// One row of the task list routes.
public struct TaskSummary: Sendable, Equatable {
    /// Characters of the business context a list shows (the store reads one more, to know it was cut): a list
    /// page stays small whatever one task holds; the status route has the whole text.
    public static let listedContextLength = 200

    public var id: TaskID
    public var name: String?
    public var status: TaskStatus
    public var stepSummary: StepSummary
    public var createdAt: Date
    public var startedAt: Date?
    public var completedAt: Date?
    public var updatedAt: Date?
    public var createdBy: String
    public var dbName: String?
    public var businessContext: String?
    public var directoryExists: Bool
    /// The last execution was stopped by a cancel (status `failed`, error `已取消`).
    public var cancelled = false
    /// The task's version (`PipelineTask.version`) when this row was read.
    public var version: Int64 = 0

    public init(
        id: TaskID, name: String?, status: TaskStatus, stepSummary: StepSummary, createdAt: Date,
        startedAt: Date?, completedAt: Date?, updatedAt: Date?, createdBy: String, dbName: String?,
        businessContext: String?, directoryExists: Bool
    ) {
        self.id = id
        self.name = name
        self.status = status
        self.stepSummary = stepSummary
        self.createdAt = createdAt
        self.startedAt = startedAt
        self.completedAt = completedAt
        self.updatedAt = updatedAt
        self.createdBy = createdBy
        self.dbName = dbName
        self.businessContext = businessContext
        self.directoryExists = directoryExists
    }
}
