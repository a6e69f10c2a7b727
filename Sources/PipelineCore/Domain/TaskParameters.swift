/// The parameters a task was created with, stored as JSON in the task row (wire names of the predecessor).
public struct TaskParameters: Codable, Sendable, Equatable {
    /// The business database's URL, password included: the worker needs it. Never returned unmasked.
    public var dbConnection: String
    public var businessContext: String
    /// The deprecated server-side table-list path, or the predecessor's placeholder in upload mode.
    public var tableListFile: String
    public var fileUploadMode: Bool
    public var enableSQLValidation: Bool
    public var enableLLMRepair: Bool
    public var modifyOriginalFile: Bool
    public var enableTrainingDataLoad: Bool

    /// What the predecessor stores when no table-list path is given; kept so existing UIs see the same value.
    public static let uploadModeTableListFile = "{task_directory}/table_list.txt"
    public static let defaultBusinessContext = "数据库管理系统"

    public init(
        dbConnection: String, businessContext: String, tableListFile: String, fileUploadMode: Bool,
        enableSQLValidation: Bool = true, enableLLMRepair: Bool = true,
        modifyOriginalFile: Bool = true, enableTrainingDataLoad: Bool = true
    ) {
        self.dbConnection = dbConnection
        self.businessContext = businessContext
        self.tableListFile = tableListFile
        self.fileUploadMode = fileUploadMode
        self.enableSQLValidation = enableSQLValidation
        self.enableLLMRepair = enableLLMRepair
        self.modifyOriginalFile = modifyOriginalFile
        self.enableTrainingDataLoad = enableTrainingDataLoad
    }

    enum CodingKeys: String, CodingKey {
        case dbConnection = "db_connection"
        case businessContext = "business_context"
        case tableListFile = "table_list_file"
        case fileUploadMode = "file_upload_mode"
        case enableSQLValidation = "enable_sql_validation"
        case enableLLMRepair = "enable_llm_repair"
        case modifyOriginalFile = "modify_original_file"
        case enableTrainingDataLoad = "enable_training_data_load"
    }

    /// The same parameters with the connection password replaced by `***`, for responses, logs and files.
    public var masked: TaskParameters {
        var copy = self
        copy.dbConnection = DatabaseURL.masked(dbConnection)
        return copy
    }
}
