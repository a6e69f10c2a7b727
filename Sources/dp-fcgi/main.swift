import FastCGI
import Foundation
import Logging
import PipelineAPI
import PipelineCore
import PipelineProviders
import PipelineStore

// Signals must be blocked before any other thread exists, so only the server's sigwait thread receives them.
TerminationSignals.blockInCurrentThread()

let configuration: ServiceConfiguration
/// The pipeline's settings, checked here too so a bad model setting or prompt override stops the service at start
/// (workers would otherwise fail one by one); the embedder also serves `/training_data/search` and `create`.
let pipeline: WorkerConfiguration
/// Seals connection passwords in the state database (DP_SECRET_KEY_FILE).
let secrets: ConnectionSecretBox
/// The models, chosen as the worker chooses them (a bad prompt override stops the service here too).
let providers: ProviderFactory
do {
    let environment = try EnvironmentFile.mergedEnvironment(ProcessInfo.processInfo.environment)
    configuration = try ServiceConfiguration.load(from: environment)
    pipeline = try WorkerConfiguration.load(from: environment)
    secrets = try ConnectionSecretBox.load(environment: environment)
    providers = try ProviderFactory(configuration: pipeline, environment: environment)
} catch {
    FileHandle.standardError.write(Data("dp-fcgi: \(error)\n".utf8))
    exit(2)
}

LoggingSystem.bootstrap { label in
    var handler = StreamLogHandler.standardError(label: label)
    handler.logLevel = Logger.Level(rawValue: configuration.logLevel) ?? .info
    return handler
}
let logger = Logger(label: "dp-fcgi")

do {
    try FileManager.default.createDirectory(at: configuration.tasksDirectory, withIntermediateDirectories: true)
    let applied = try StateDatabase.migrate(url: configuration.stateDatabaseURL, secrets: secrets) { reason in
        logger.warning("state database not reachable yet, retrying", metadata: ["error": "\(reason)"])
    }
    if !applied.versions.isEmpty { logger.info("migrations applied", metadata: ["versions": "\(applied.versions)"]) }
    if applied.sealedRows > 0 { logger.info("connection passwords sealed", metadata: ["rows": "\(applied.sealedRows)"]) }
} catch {
    logger.critical("start-up failed", metadata: ["error": "\(error)"])
    exit(1)
}

let listen: FastCGIListenSource = configuration.fcgiSocket.map {
    .unixSocket(path: $0, mode: configuration.fcgiSocketMode, backlog: 1024)
} ?? .inheritedStandardInput
let server = FastCGIServer(listen: listen, threadCount: configuration.fcgiThreads)
let settings = APISettings(configuration)
let launcher = ProcessWorkerLauncher(
    workerBinary: configuration.workerBinary ?? ProcessWorkerLauncher.siblingWorker(),
    pipelineEnvironment: configuration.pipelineEnvironment)
let liveness = WorkerLiveness(timeoutSeconds: Double(configuration.workerTimeoutSeconds), hostName: configuration.hostID,
                              retryLimit: configuration.retryLostExecutions)
// Status polls and task lists are served from a cache that change notifications keep fresh (PipelineStore/Caching).
let readCache = TaskReadCache()
if configuration.readCacheEnabled {
    // One cache-serving process per host and socket: a replacement takes the cache over from the process it
    // replaces (ResponderHandoff) before it binds the socket.
    let group = "\(configuration.hostID) \(configuration.fcgiSocket ?? "fd0")"
    let listener = TaskChangeListener(url: configuration.stateDatabaseURL, cache: readCache, handoffGroup: group) { connected, detail in
        if connected {
            logger.info("task change listener: \(detail)")
        } else {
            logger.warning("task change listener lost its connection; read cache off until it is back", metadata: ["error": "\(detail)"])
        }
    }
    listener.start()
    if !listener.awaitReady(timeout: 3) {
        logger.warning("the process this one replaces did not hand its read cache over; starting anyway")
    }
}
startExecutionQueue(configuration: configuration, secrets: secrets, launcher: launcher, liveness: liveness, logger: logger)
// One training-data store for all threads: its search keeps the vectors in memory once per process.
let trainingStore = PostgresTrainingDataStore(url: configuration.stateDatabaseURL, applicationName: "dp-fcgi-training",
                                              maxConnections: configuration.fcgiThreads)
// One log-tail cache for all threads: a polled log is parsed once, where it grew.
let logTails = LogTailCache()
// Business connections named by requests: URL policy, then the server's identity (never the state database).
let connectionGuard = BusinessConnectionGuard(policy: configuration.businessConnectionPolicy,
                                              state: StateClusterIdentity(stateDatabaseURL: configuration.stateDatabaseURL))
let embedder = providers.embedder()
// One model for all threads (`/database/table/ddl`); remote calls are logged without their messages.
let llm = providers.llm(observe: { record in
    let metadata: Logger.Metadata = [
        "kind": "\(record.kind)", "latency_ms": "\(record.latencyMilliseconds)", "attempts": "\(record.attempts)",
    ]
    if let error = record.error {
        logger.warning("llm call failed: \(error)", metadata: metadata)
    } else {
        logger.info("llm call", metadata: metadata)
    }
}, warn: { logger.warning("llm: \($0)") })
logger.info("serving", metadata: [
    "socket": "\(configuration.fcgiSocket ?? "fd 0")", "threads": "\(configuration.fcgiThreads)",
    "tasks_dir": "\(configuration.tasksDirectory.path)", "host_id": "\(configuration.hostID)",
    "max_workers": "\(configuration.maxWorkers)",
])
do {
    try server.run {
        // Runs once on each server thread: the connection and everything using it stay on that thread.
        let store = CachingTaskStore(
            inner: StateDatabase.taskStore(url: configuration.stateDatabaseURL, applicationName: "dp-fcgi", secrets: secrets), cache: readCache)
        let dependencies = APIDependencies(
            store: store, catalog: PostgresDatabaseCatalog(connectionGuard: connectionGuard), launcher: launcher,
            liveness: liveness,
            introspector: { PostgresSchemaIntrospector(connectionURL: $0, maxConnections: 1, connectionGuard: connectionGuard) },
            sqlValidator: {
                PostgresSQLValidator(connectionURL: $0, maxConnections: 1, statementTimeoutMilliseconds: 5_000,
                                     connectionGuard: connectionGuard)
            },
            llm: llm, trainingStore: trainingStore, embedder: embedder,
            settings: settings, logTails: logTails, logger: logger)
        let bridge = FastCGIBridge(router: APIRouter(dependencies: dependencies), logger: logger)
        return bridge.serve
    }
} catch {
    logger.critical("server failed", metadata: ["error": "\(error)"])
    exit(1)
}
logger.info("stopped")
