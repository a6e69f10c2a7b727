/// `DELETE /data_pipeline/tasks` answer.
struct DeleteTasksPayload: Encodable {
    var deletedTasks: [DeletedTask]
    var failedTasks: [FailedTask]
    var summary: Summary
    var deletedAt: String

    struct DeletedTask: Encodable {
        var success = true
        var taskId: String
        var directoryDeleted: Bool
        var databaseRecordsDeleted: Bool
        var deletedFilesCount: Int
        var deletedSize: String
        var deletedAt: String
        var operationMessage: String
    }

    struct FailedTask: Encodable {
        var success = false
        var taskId: String
        var error: String
        var errorCode: String
    }

    struct Summary: Encodable {
        var totalRequested: Int
        var successfullyDeleted: Int
        var failed: Int
    }
}
