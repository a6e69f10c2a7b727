import Logging
import PipelineCore

/// The route table, readable on one screen, and the one place its controllers are built, each with only what it
/// uses. Literal paths come before parameterised ones. Built once per responder thread (`APIRouter`).
enum APIRoutes {
    static func table(_ dependencies: APIDependencies) -> [Route] {
        let d = dependencies
        let settings = d.settings
        let jsonBody = JSONBody(maxBytes: settings.maxJSONBytes)
        let directories = TaskDirectories(root: settings.tasksRoot)
        let businessDatabases = BusinessDatabaseResolver(policy: settings.connectionPolicy,
                                                         defaultURL: settings.defaultBusinessDatabaseURL)
        let reaper = LostWorkerReaper(store: d.store, liveness: d.liveness, clock: d.clock,
                                      onReaped: LostWorkerLog(logger: d.logger).record)

        // The work queue on this thread's connection, and the dispatcher that starts what fits on this host.
        guard let queue = d.executionQueue ?? (d.store as? ExecutionQueue) else {
            preconditionFailure("the task store is no execution queue and none was given")
        }
        let dispatcher = ExecutionDispatcher(hostID: d.liveness.hostName, capacity: settings.maxWorkers,
                                             launcher: d.launcher, tasksRoot: settings.tasksRoot,
                                             retryLimit: d.liveness.retryLimit, clock: d.clock)

        let health = HealthController(store: d.store, clock: d.clock)
        let contract = OpenAPIController()
        let database = DatabaseController(jsonBody: jsonBody, catalog: d.catalog, businessDatabases: businessDatabases,
                                          store: d.store, clock: d.clock)
        let tableDDL = TableDDLController(jsonBody: jsonBody, businessDatabases: businessDatabases,
                                          introspector: d.introspector,
                                          documenter: TableDocumenter(llm: d.llm), clock: d.clock)
        let tasks = TaskController(jsonBody: jsonBody, store: d.store, reaper: reaper, directories: directories,
                                   businessDatabases: businessDatabases, tableListDirectory: settings.tableListDirectory,
                                   maxTableListBytes: settings.maxTableListBytes, clock: d.clock, logger: d.logger,
                                   queue: queue)
        let lists = TaskListController(jsonBody: jsonBody, store: d.store, reaper: reaper, clock: d.clock)
        let deletion = TaskDeletionController(jsonBody: jsonBody, store: d.store, reaper: reaper, directories: directories,
                                              clock: d.clock, logger: d.logger)
        let execution = ExecutionController(jsonBody: jsonBody, store: d.store, reaper: reaper,
                                            connectionPolicy: settings.connectionPolicy, directories: directories,
                                            queue: queue, dispatcher: dispatcher, hostName: d.liveness.hostName,
                                            clock: d.clock,
                                            logger: d.logger)
        let tableLists = TableListController(jsonBody: jsonBody, store: d.store, directories: directories,
                                             maxTableListBytes: settings.maxTableListBytes, clock: d.clock)
        let logs = TaskLogsController(jsonBody: jsonBody, store: d.store, directories: directories, logTails: d.logTails,
                                      clock: d.clock)
        let quality = QualityReportController(store: d.store, directories: directories, clock: d.clock)
        let promptContext = TrainingContextController(jsonBody: jsonBody, trainingStore: d.trainingStore, embedder: d.embedder,
                                                      store: d.store, directories: directories, clock: d.clock)
        let drift = DriftController(store: d.store, directories: directories, connectionPolicy: settings.connectionPolicy,
                                    introspector: d.introspector, sqlValidator: d.sqlValidator,
                                    inspection: SchemaDriftInspection(trainingStore: d.trainingStore), clock: d.clock)
        let files = TaskFilesController(store: d.store, directories: directories, maxUploadBytes: settings.maxUploadBytes,
                                        accelRedirectPrefix: settings.accelRedirectPrefix, clock: d.clock)
        let vectors = VectorBackupController(jsonBody: jsonBody, trainingStore: d.trainingStore, directories: directories,
                                             clock: d.clock, logger: d.logger)
        let training = TrainingDataController(jsonBody: jsonBody, trainingStore: d.trainingStore, embedder: d.embedder,
                                              clock: d.clock)
        let trainingWrites = TrainingDataWriteController(jsonBody: jsonBody, trainingStore: d.trainingStore,
                                                         embedder: d.embedder, clock: d.clock)
        return [
            Route("GET", "/health", health.health),
            Route("GET", "/openapi.json", contract.document),
            Route("POST", "/database/tables", database.tables),
            Route("POST", "/database/table/ddl", tableDDL.generate),

            Route("POST", "/data_pipeline/tasks", tasks.create),
            Route("GET", "/data_pipeline/tasks", lists.list),
            Route("DELETE", "/data_pipeline/tasks", deletion.delete),
            Route("POST", "/data_pipeline/tasks/query", lists.query),
            Route("GET", "/data_pipeline/tasks/{task_id}", tasks.status),
            Route("POST", "/data_pipeline/tasks/{task_id}/execute", execution.execute),
            Route("POST", "/data_pipeline/tasks/{task_id}/cancel", execution.cancel),
            Route("POST", "/data_pipeline/tasks/{task_id}/table-list", tableLists.submit),
            Route("POST", "/data_pipeline/tasks/{task_id}/upload-table-list", tableLists.upload),
            Route("GET", "/data_pipeline/tasks/{task_id}/table-list-info", tableLists.info),
            Route("GET", "/data_pipeline/tasks/{task_id}/logs", logs.tail),
            Route("POST", "/data_pipeline/tasks/{task_id}/logs/query", logs.query),
            Route("GET", "/data_pipeline/tasks/{task_id}/quality", quality.report),
            Route("GET", "/data_pipeline/tasks/{task_id}/drift", drift.drift),
            Route("GET", "/data_pipeline/tasks/{task_id}/files", files.list),
            Route("POST", "/data_pipeline/tasks/{task_id}/files", files.upload),
            Route("GET", "/data_pipeline/tasks/{task_id}/files/{file_name}", files.download),

            Route("POST", "/data_pipeline/vector/backup", vectors.backup),
            Route("GET", "/data_pipeline/vector/restore/list", vectors.list),
            Route("POST", "/data_pipeline/vector/restore", vectors.restore),
            Route("GET", "/training_data/stats", training.stats),
            Route("POST", "/training_data/query", training.query),
            Route("POST", "/training_data/create", trainingWrites.create),
            Route("POST", "/training_data/update", trainingWrites.update),
            Route("POST", "/training_data/delete", training.delete),
            Route("POST", "/training_data/search", training.search),
            Route("POST", "/training_data/context", promptContext.context),
        ]
    }
}
