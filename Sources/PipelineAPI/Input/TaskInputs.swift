/// Body of `POST /data_pipeline/tasks`. Unknown keys are ignored; known keys must have the right JSON type.
struct CreateTaskInput: Decodable {
    var taskName: String?
    var dbConnection: String?
    var dbName: String?
    var businessContext: String?
    var tableListFile: String?
    var enableSqlValidation: Bool?
    var enableLlmRepair: Bool?
    var modifyOriginalFile: Bool?
    var enableTrainingDataLoad: Bool?
}

/// Body of `POST /data_pipeline/tasks/query`. Both the predecessor's and API.md's time filter names are accepted.
struct TaskQueryInput: Decodable {
    var page: Int?
    var pageSize: Int?
    var status: String?
    var taskName: String?
    var createdBy: String?
    var dbName: String?
    var createdFrom: String?
    var createdTo: String?
    var createdTimeStart: String?
    var createdTimeEnd: String?
    var sortBy: String?
    var sortOrder: String?
}

/// Body of `DELETE /data_pipeline/tasks`.
struct DeleteTasksInput: Decodable {
    var taskIds: [String]?
    var confirm: Bool?
    var deleteDatabaseRecords: Bool?
    var continueOnError: Bool?
}

/// Body of `POST …/table-list`: a comma-separated string or an array of names.
struct TableListInput: Decodable {
    enum Tables {
        case text(String)
        case list([String])
    }

    var tables: Tables?

    enum CodingKeys: String, CodingKey { case tables }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard container.contains(.tables), try !container.decodeNil(forKey: .tables) else {
            tables = nil
            return
        }
        if let text = try? container.decode(String.self, forKey: .tables) {
            tables = .text(text)
        } else if let list = try? container.decode([String].self, forKey: .tables) {
            tables = .list(list)
        } else {
            throw APIError.badRequest("tables参数格式错误，应为字符串（逗号分隔）或数组")
        }
    }
}

/// Body of `POST …/logs/query`.
struct LogQueryInput: Decodable {
    var page: Int?
    var pageSize: Int?
    var level: String?
    var startTime: String?
    var endTime: String?
    var keyword: String?
    var step: String?
    var stepName: String?
    var loggerName: String?
    var sortOrder: String?
}

/// Body of `POST /database/tables`.
struct DatabaseTablesInput: Decodable {
    var dbConnection: String?
    /// A task whose stored connection is used when `db_connection` is absent.
    var taskId: String?
    var schema: String?
    var tableNamePattern: String?
}
