import Foundation
import Logging
import PipelineCore

/// Limits and switches of the HTTP layer, from the service configuration.
public struct APISettings: Sendable {
    public var tasksRoot: URL
    public var maxUploadBytes: Int
    public var maxJSONBytes: Int
    /// Uploaded table lists are small text files (predecessor: 2 MB).
    public var maxTableListBytes = 2 * 1024 * 1024
    public var accelRedirectPrefix: String?
    public var apiToken: String?
    public var defaultBusinessDatabaseURL: String?
    /// Which business databases a request (or the default) may name; checked before anything connects.
    public var connectionPolicy: BusinessConnectionPolicy
    /// Where the deprecated `table_list_file` may point; nil refuses it.
    public var tableListDirectory: URL?

    public init(tasksRoot: URL, maxUploadBytes: Int, maxJSONBytes: Int, accelRedirectPrefix: String?,
                apiToken: String?, defaultBusinessDatabaseURL: String?, tableListDirectory: URL? = nil,
                connectionPolicy: BusinessConnectionPolicy = BusinessConnectionPolicy()) {
        self.tasksRoot = tasksRoot
        self.maxUploadBytes = maxUploadBytes
        self.maxJSONBytes = maxJSONBytes
        self.accelRedirectPrefix = accelRedirectPrefix
        self.apiToken = apiToken
        self.defaultBusinessDatabaseURL = defaultBusinessDatabaseURL
        self.tableListDirectory = tableListDirectory
        self.connectionPolicy = connectionPolicy
    }

    public init(_ configuration: ServiceConfiguration) {
        self.init(tasksRoot: configuration.tasksDirectory, maxUploadBytes: configuration.maxUploadBytes,
                  maxJSONBytes: configuration.maxJSONBytes, accelRedirectPrefix: configuration.accelRedirectPrefix,
                  apiToken: configuration.apiToken, defaultBusinessDatabaseURL: configuration.businessDatabaseURL,
                  tableListDirectory: configuration.tableListDirectory,
                  connectionPolicy: configuration.businessConnectionPolicy)
    }
}

/// What the controllers of one responder thread work with; built once per thread by the composition root.
public final class APIServices {
    public let store: TaskStore
    public let catalog: DatabaseCatalog
    public let launcher: WorkerLauncher
    public let liveness: WorkerLiveness
    /// Introspection of a business database named by a request (`POST /database/table/ddl`).
    public let introspector: @Sendable (String) -> SchemaIntrospector
    public let llm: LLMProvider
    /// The training-data store (state database) and the embedder its vectors come from.
    public let trainingStore: TrainingDataStore
    public let embedder: EmbeddingProvider
    public let settings: APISettings
    /// Log tails, shared by every thread of the responder.
    public let logTails: LogTailCache
    public let clock: @Sendable () -> Date
    public let logger: Logger

    /// When this thread last failed stale executions in bulk (list routes), to keep that write off most requests.
    private var lastStaleSweep = Date.distantPast

    public init(store: TaskStore, catalog: DatabaseCatalog, launcher: WorkerLauncher, liveness: WorkerLiveness,
                introspector: @escaping @Sendable (String) -> SchemaIntrospector, llm: LLMProvider,
                trainingStore: TrainingDataStore, embedder: EmbeddingProvider, settings: APISettings,
                logTails: LogTailCache = LogTailCache(), clock: @escaping @Sendable () -> Date = { Date() }, logger: Logger) {
        self.store = store
        self.catalog = catalog
        self.launcher = launcher
        self.liveness = liveness
        self.introspector = introspector
        self.llm = llm
        self.trainingStore = trainingStore
        self.embedder = embedder
        self.settings = settings
        self.logTails = logTails
        self.clock = clock
        self.logger = logger
    }

    func taskDirectory(_ id: TaskID) -> TaskDirectory {
        TaskDirectory(root: settings.tasksRoot, taskID: id)
    }

    /// The task, or a 404 (`任务不存在: <id>`).
    func requireTask(_ id: TaskID) throws -> PipelineTask {
        guard let task = try store.task(id) else { throw PipelineError.taskNotFound(id) }
        return task
    }

    /// The task as it really is: a running task whose worker is lost is marked failed first (and re-read).
    func currentTask(_ id: TaskID) throws -> PipelineTask {
        let task = try requireTask(id)
        let now = clock()
        guard liveness.isLost(task, now: now), let executionID = task.worker?.executionID else { return task }
        // Only if no heartbeat arrived since the one judged (the verdict and the write are one statement).
        if try store.failExecution(id, executionID: executionID, ifHeartbeatAt: task.worker?.heartbeatAt,
                                   message: WorkerLiveness.lostMessage, now: now) {
            logger.warning("worker lost", metadata: ["task_id": "\(id)", "execution_id": "\(executionID)"])
        }
        return try requireTask(id)
    }

    /// Before listing: fails executions whose heartbeat stopped, at most every few seconds per thread.
    func sweepStaleExecutions() throws {
        let now = clock()
        guard now.timeIntervalSince(lastStaleSweep) >= 5 else { return }
        lastStaleSweep = now
        let cutoff = now.addingTimeInterval(-liveness.timeoutSeconds)
        let count = try store.failStaleExecutions(heartbeatBefore: cutoff, message: WorkerLiveness.lostMessage, now: now)
        if count > 0 { logger.warning("workers lost", metadata: ["count": "\(count)"]) }
    }

    func requireTaskExists(_ id: TaskID) throws {
        guard try store.taskExists(id) else { throw PipelineError.taskNotFound(id) }
    }

    var jsonBody: JSONBody { JSONBody(maxBytes: settings.maxJSONBytes) }
}
