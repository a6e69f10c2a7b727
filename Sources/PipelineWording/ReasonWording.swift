import PipelineCore

/// The Chinese wording of Core's typed reasons (`PipelineError`): one catalogue for both audiences, the API's
/// `response` text (PipelineAPI's `ErrorMapping` adds the HTTP status) and the `error_message` the worker side
/// records (`PipelineOrchestrator`, dp-worker). Core throws reasons; only this module turns them into words.
public enum ReasonWording {
    /// What a client reads for `error`: the API's `response` text.
    public static func text(_ error: PipelineError) -> String {
        switch error {
        case .taskNotFound(let id): return taskNotFound(id.rawValue)
        case .fileNotFound(let name): return "文件不存在: \(name)"
        case .tableList(let problem): return text(problem)
        case .fileNameUnicodeTwin(let existing, let requested):
            return "文件名与已有文件 \(existing) 看起来相同但Unicode编码不同（NFC/NFD），请使用已有文件的写法: \(requested)"
        case .uploadBackupVersionsExhausted: return "备份版本号超出限制"
        case .driftWithoutTableDocuments:
            return "任务尚未执行或没有表结构文档（*.ddl），无法检查变更；请先执行 ddl_generation 步骤，或上传表结构文档"
        case .invalidBackupTimestamp(let timestamp): return "无效的备份时间戳: \(timestamp)"
        case .connectionRefused(let refusal): return text(refusal)
        case .sessionRefused(let refusal): return businessDatabaseFailure(text(refusal))
        case .sqlRejected(let reason): return reason
        case .stateStoreUnavailable: return "状态数据库暂时无法连接，请稍后重试"
        case .businessDatabaseFailure(let reason): return businessDatabaseFailure(reason)
        case .businessDatabaseUnavailable(let reason):
            return "业务数据库暂时无法连接，请稍后重试: \(BusinessDatabaseWording.chinese(reason))"
        case .internalFailure: return internalFailure
        }
    }

    /// The `error_message` of a step that failed with `error`: the reasons a user can act on (the business database
    /// refused or failed) in words, any other one as the generic step failure (its detail is in the task log).
    public static func stepFailure(_ error: PipelineError) -> String {
        switch error {
        case .businessDatabaseFailure, .sessionRefused: return text(error)
        default: return "步骤执行失败"
        }
    }

    /// The `error_message` of an execution whose business connection URL the worker's policy refused.
    public static func workerConnectionRefusal(_ error: Error) -> String {
        guard case .connectionRefused(let refusal)? = error as? PipelineError else {
            return "业务数据库连接被拒绝: 连接字符串不被允许"
        }
        return "业务数据库连接被拒绝: \(text(refusal))"
    }

    public static func taskNotFound(_ id: String) -> String { "任务不存在: \(id)" }

    /// The answer to an unexpected failure; its detail goes to the log only.
    public static let internalFailure = "系统内部错误，请稍后重试"

    /// The driver's English reason explained in Chinese (`BusinessDatabaseWording`); our own refusals stay as they are.
    private static func businessDatabaseFailure(_ reason: String) -> String {
        "业务数据库访问失败: \(BusinessDatabaseWording.chinese(reason))"
    }

    static func text(_ problem: TableListProblem) -> String {
        switch problem {
        case .invalidNames(let shown, let source):
            let prefix = source == .uploadedFile ? "表清单文件包含无效的表名格式" : "包含无效的表名格式"
            return "\(prefix): \(shown.joined(separator: ", "))"
        case .empty(.request): return "表名列表不能为空"
        case .empty(.uploadedFile), .empty(.serverFile): return "表清单文件不包含有效的表名"
        case .tooMany(let limit): return "表名数量不能超过 \(limit) 个"
        }
    }

    static func text(_ refusal: ConnectionRefusal) -> String {
        switch refusal {
        case .notAPostgresURL: return "db_connection必须是PostgreSQL连接URL，例如 postgresql://user:password@host:5432/dbname"
        case .hostOption:
            return "db_connection不允许通过host参数指定主机，请写在URL中：postgresql://user:password@host:5432/dbname"
        case .invalidPort: return "db_connection的端口无效"
        case .invalidSSLMode: return "db_connection的sslmode无效"
        case .invalidTargetSessionAttrs: return "db_connection的target_session_attrs无效"
        case .invalidConnectTimeout: return "db_connection的connect_timeout无效"
        case .invalidApplicationName: return "db_connection的application_name无效"
        case .optionNotAllowed(let keyword):
            let allowed = BusinessConnectionPolicy.allowedOptions.joined(separator: ", ")
            return "db_connection不允许使用连接参数: \(keyword ?? "（未知参数）")（允许的参数: \(allowed)）"
        case .missingHost: return "db_connection必须指定数据库服务器主机（不允许使用默认的本地unix socket）"
        case .unixSocket: return "db_connection不允许使用unix socket连接"
        case .hostNotAllowed: return "db_connection的主机不在允许的业务数据库主机列表中（DP_BUSINESS_HOSTS）"
        }
    }

    static func text(_ refusal: SessionRefusal) -> String {
        switch refusal {
        case .viaUnixSocket: return "连接被拒绝：不允许通过unix socket连接业务数据库"
        case .stateDatabase: return "连接被拒绝：该连接指向服务自身的状态数据库，不能作为业务数据库使用"
        case .superuserOnStateCluster: return "连接被拒绝：不允许以超级用户身份连接状态数据库所在的PostgreSQL实例"
        }
    }
}
