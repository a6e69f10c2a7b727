import PipelineCore

/// `POST /data_pipeline/tasks` answer.
struct TaskCreatedPayload: Encodable {
    var taskId: String
    @Nullable var taskName: String?
    var status: String
    var createdAt: String
    var fileUploadMode: Bool?
    var nextStep: String?
}

/// `GET /data_pipeline/tasks/{id}` answer: exactly the guide's fields, plus `progress` and `cancelled` (new).
struct TaskStatusPayload: Encodable {
    /// True when the last execution was stopped by a cancel; `status` stays `failed` for the predecessor's clients.
    var cancelled: Bool
    var taskId: String
    @Nullable var taskName: String?
    var status: String
    var stepStatus: [String: String]
    var createdAt: String
    @Nullable var startedAt: String?
    @Nullable var completedAt: String?
    var parameters: TaskParameters
    @Nullable var result: JSONValue?
    @Nullable var errorMessage: String?
    @Nullable var currentStep: CurrentStep?
    var totalSteps: Int
    var steps: [Step]
    @Nullable var progress: StepProgress?
    /// The task's version: a later state always has a higher one (pollers may compare it).
    var version: Int
    /// Only while the execution waits for a free worker slot (`in_progress`, no worker yet).
    var queue: QueuePayload?

    struct CurrentStep: Encodable {
        @Nullable var executionId: String?
        var step: String
        var status: String
        @Nullable var startedAt: String?
    }

    struct Step: Encodable {
        var stepName: String
        var stepStatus: String
        @Nullable var startedAt: String?
        @Nullable var completedAt: String?
        @Nullable var errorMessage: String?
    }

    init(_ task: PipelineTask, queue: QueuePlace? = nil) {
        self.queue = queue.map(QueuePayload.init)
        taskId = task.id.rawValue
        taskName = task.name
        status = task.status.rawValue
        cancelled = task.status == .failed && task.errorMessage == ExecutionCancelled.message
        stepStatus = Dictionary(uniqueKeysWithValues: task.steps.map { ($0.name.rawValue, $0.status.rawValue) })
        createdAt = LocalTimestamp.iso(task.createdAt)
        startedAt = task.startedAt.map(LocalTimestamp.iso)
        completedAt = task.completedAt.map(LocalTimestamp.iso)
        parameters = task.parameters.masked
        result = task.resultJSON.flatMap(JSONValue.parse)
        errorMessage = task.errorMessage
        currentStep = task.currentStep.map {
            CurrentStep(executionId: $0.executionID, step: $0.name.rawValue, status: $0.status.rawValue,
                        startedAt: $0.startedAt.map(LocalTimestamp.iso))
        }
        totalSteps = task.steps.count
        steps = task.steps.map {
            Step(stepName: $0.name.rawValue, stepStatus: $0.status.rawValue,
                 startedAt: $0.startedAt.map(LocalTimestamp.iso), completedAt: $0.completedAt.map(LocalTimestamp.iso),
                 errorMessage: $0.errorMessage)
        }
        progress = task.status == .inProgress ? task.progress : nil
        version = Int(task.version)
    }
}

/// One item of the task list and search.
struct TaskListItem: Encodable {
    /// As in the status route: the last execution was cancelled (`status` stays `failed`).
    var cancelled: Bool
    var taskId: String
    @Nullable var taskName: String?
    var status: String
    var stepStatus: String
    var createdAt: String
    @Nullable var startedAt: String?
    @Nullable var completedAt: String?
    var createdBy: String
    @Nullable var dbName: String?
    @Nullable var businessContext: String?
    /// True when `business_context` was cut to `TaskSummary.listedContextLength` characters (and ends with `…`):
    /// the status route has the whole text.
    var businessContextTruncated: Bool
    var directoryExists: Bool
    @Nullable var updatedAt: String?
    var version: Int

    init(_ summary: TaskSummary) {
        taskId = summary.id.rawValue
        cancelled = summary.cancelled
        taskName = summary.name
        status = summary.status.rawValue
        stepStatus = summary.stepSummary.rawValue
        createdAt = LocalTimestamp.iso(summary.createdAt)
        startedAt = summary.startedAt.map(LocalTimestamp.iso)
        completedAt = summary.completedAt.map(LocalTimestamp.iso)
        createdBy = summary.createdBy
        dbName = summary.dbName
        let context = summary.businessContext
        businessContextTruncated = (context?.count ?? 0) > TaskSummary.listedContextLength
        businessContext = businessContextTruncated ? context.map { String($0.prefix(TaskSummary.listedContextLength)) + "…" } : context
        directoryExists = summary.directoryExists
        updatedAt = summary.updatedAt.map(LocalTimestamp.iso)
        version = Int(summary.version)
    }
}

/// `GET /data_pipeline/tasks` answer.
struct TaskListPayload: Encodable {
    var tasks: [TaskListItem]
    var total: Int
    var limit: Int
    var offset: Int
}

/// Paging block of search answers.
struct Pagination: Encodable {
    var page: Int
    var pageSize: Int
    var total: Int
    var totalPages: Int
    var hasNext: Bool
    var hasPrev: Bool

    init(_ window: PageWindow, total: Int) {
        page = window.page
        pageSize = window.pageSize
        self.total = total
        totalPages = total == 0 ? 0 : (total - 1) / pageSize + 1
        hasNext = page < totalPages
        hasPrev = page > 1
    }
}

/// `POST /data_pipeline/tasks/query` answer.
struct TaskQueryPayload: Encodable {
    var tasks: [TaskListItem]
    var pagination: Pagination
    var filtersApplied: [String: String]
    var sortApplied: [String: String]
    var queryTime: String
}
