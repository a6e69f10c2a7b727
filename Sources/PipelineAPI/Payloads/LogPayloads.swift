import PipelineCore

/// One log entry as `GET …/logs` returns it.
struct LogEntryItem: Encodable {
    var timestamp: String
    var level: String
    var logger: String
    var message: String

    init(_ entry: LogEntry) {
        timestamp = entry.timestamp
        level = entry.level
        logger = entry.logger
        message = entry.message
    }
}

/// `GET …/logs` answer.
struct TaskLogsPayload: Encodable {
    var taskId: String
    var logs: [LogEntryItem]
    var total: Int
    /// Whether older entries exist beyond this tail (new).
    var hasMore: Bool
    var source = "file"
    var logFile = "data_pipeline.log"
}

/// One entry of `POST …/logs/query`.
struct QueriedLogEntry: Encodable {
    var timestamp: String
    var level: String
    var logger: String
    @Nullable var step: String?
    var message: String
    var lineNumber: Int

    init(_ entry: LogEntry) {
        timestamp = entry.timestamp
        level = entry.level
        logger = entry.logger
        step = entry.step?.rawValue
        message = entry.message
        lineNumber = entry.lineNumber
    }
}

/// `POST …/logs/query` answer.
struct LogQueryPayload: Encodable {
    var taskId: String
    var logs: [QueriedLogEntry]
    var pagination: Pagination
    var logFileInfo: LogFileInfo
    var queryTime: String

    struct LogFileInfo: Encodable {
        var exists: Bool
        var fileName = "data_pipeline.log"
        var fileSize: Int64
        var fileSizeFormatted: String
        @Nullable var lastModified: String?
        var totalLines: Int
    }
}
