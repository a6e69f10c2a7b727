/// The route table, readable on one screen. Literal paths come before parameterised ones.
enum APIRoutes {
    static func table(_ services: APIServices) -> [Route] {
        let tasks = TaskController(services: services)
        let lists = TaskListController(services: services)
        let deletion = TaskDeletionController(services: services)
        let tableLists = TableListController(services: services)
        let files = TaskFilesController(services: services)
        let logs = TaskLogsController(services: services)
        let database = DatabaseController(services: services)
        let health = HealthController(services: services)
        let execution = ExecutionController(services: services)
        let tableDDL = TableDDLController(services: services)
        let training = TrainingDataController(services: services)
        let trainingWrites = TrainingDataWriteController(services: services)
        let vectors = VectorBackupController(services: services)
        return [
            Route("GET", "/health", health.health),
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
        ]
    }
}
