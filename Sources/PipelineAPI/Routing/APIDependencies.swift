import Foundation
import Logging
import PipelineCore

/// The adapters and settings one responder thread's routes are built from, given by the composition root (dp-fcgi's
/// `main`, the router tests). Only `APIRoutes` reads it: each controller is constructed once with the few of these it
/// uses, never with this whole set.
public struct APIDependencies {
    public var store: TaskStore
    public var catalog: DatabaseCatalog
    public var launcher: WorkerLauncher
    public var liveness: WorkerLiveness
    /// Introspection of a business database named by a request (`POST /database/table/ddl`).
    public var introspector: @Sendable (String) -> SchemaIntrospector
    /// The SQL gate and `EXPLAIN` on a business database named by a task (`GET …/drift`).
    public var sqlValidator: @Sendable (String) -> SQLValidator
    public var llm: LLMProvider
    /// The training-data store (state database) and the embedder its vectors come from.
    public var trainingStore: TrainingDataStore
    public var embedder: EmbeddingProvider
    public var settings: APISettings
    /// Log tails, shared by every thread of the responder.
    public var logTails: LogTailCache
    public var clock: @Sendable () -> Date
    public var logger: Logger
    /// The work queue on this thread's connection; nil takes the store when it is one (`PostgresTaskStore`,
    /// `CachingTaskStore`).
    public var executionQueue: ExecutionQueue?

    public init(store: TaskStore, catalog: DatabaseCatalog, launcher: WorkerLauncher, liveness: WorkerLiveness,
                introspector: @escaping @Sendable (String) -> SchemaIntrospector,
                sqlValidator: @escaping @Sendable (String) -> SQLValidator, llm: LLMProvider,
                trainingStore: TrainingDataStore, embedder: EmbeddingProvider, settings: APISettings,
                logTails: LogTailCache = LogTailCache(), clock: @escaping @Sendable () -> Date = { Date() }, logger: Logger) {
        self.store = store
        self.catalog = catalog
        self.launcher = launcher
        self.liveness = liveness
        self.introspector = introspector
        self.sqlValidator = sqlValidator
        self.llm = llm
        self.trainingStore = trainingStore
        self.embedder = embedder
        self.settings = settings
        self.logTails = logTails
        self.clock = clock
        self.logger = logger
    }
}
