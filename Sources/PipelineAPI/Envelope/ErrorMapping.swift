import PipelineCore
import PipelineWording

/// The one place where errors become HTTP answers. Anything unrecognised is a bare 500 whose detail goes to the log.
enum ErrorMapping {
    /// The API error for `error`, and whether it is unexpected (to be logged as an error with its detail).
    static func apiError(for error: Error) -> (APIError, unexpected: Bool) {
        switch error {
        case let error as APIError:
            return (error, false)
        case let error as PipelineError:
            return map(error)
        case let error as MultipartError:
            return (map(error), false)
        case let error as TrainingStoreError:
            return map(error)
        case let error as StorageError:
            return (map(error), false)
        default:
            // A file-system failure that no layer translated is still the storage's, not a bug of ours.
            if let storage = StorageError(classifying: error, operation: "request") { return (map(storage), false) }
            return (APIError(.internalError, "系统内部错误，请稍后重试"), true)
        }
    }

    /// 507: the server cannot store what the request needs. Never 500 (not a bug, and 500 says "retry"), never 503
    /// (that one means "temporarily, retry"): `can_retry` is true only for a full disk, which deleting tasks can cure.
    /// The text names no server path; the detail goes to the log (`APIRouter` logs storage failures).
    private static func map(_ error: StorageError) -> APIError {
        let text: String
        switch error.reason {
        case .permissionDenied: text = "服务器存储不可写（权限不足），请联系管理员检查任务目录的权限"
        case .readOnlyFileSystem: text = "服务器存储为只读文件系统，无法写入，请联系管理员"
        case .noSpace: text = "服务器存储空间不足，请删除不再需要的任务后重试，或联系管理员扩容"
        case .unusable: text = "服务器存储读写失败，请联系管理员检查任务目录"
        }
        return APIError(.storageUnavailable, text, canRetry: error.canRetry)
    }

    /// The status of each typed reason; the text is `ReasonWording`'s, the one catalogue of Core's wording.
    static func map(_ error: PipelineError) -> (APIError, unexpected: Bool) {
        let text = ReasonWording.text(error)
        switch error {
        case .taskNotFound, .fileNotFound: return (.notFound(text), false)
        case .tableList, .fileNameUnicodeTwin, .invalidBackupTimestamp, .connectionRefused, .sqlRejected:
            return (.badRequest(text), false)
        // The business database answered and refused: the request's connection is at fault, not the server.
        case .sessionRefused, .businessDatabaseFailure: return (.badRequest(text), false)
        case .uploadBackupVersionsExhausted, .driftWithoutTableDocuments: return (APIError(.conflict, text), false)
        case .stateStoreUnavailable, .businessDatabaseUnavailable: return (APIError(.serviceUnavailable, text), false)
        case .internalFailure: return (APIError(.internalError, text), true)
        }
    }

    private static func map(_ error: TrainingStoreError) -> (APIError, unexpected: Bool) {
        switch error {
        case .embeddingMismatch: return (APIError(.conflict, error.description), false)
        case .invalidBackup: return (.badRequest(error.description), false)
        case .badVector: return (APIError(.internalError, "系统内部错误，请稍后重试"), true)
        }
    }

    private static func map(_ error: MultipartError) -> APIError {
        switch error {
        case .notMultipart:
            return APIError(.unsupportedMediaType, "请使用multipart/form-data格式上传文件")
        case .missingBoundary:
            return .badRequest("multipart请求缺少有效的boundary参数")
        case .malformed, .truncated:
            return .badRequest("上传内容格式错误或不完整，无法解析multipart数据")
        case .fileTooLarge(let limit):
            return APIError(.payloadTooLarge, "文件大小超出限制，最大允许: \(SizeFormatter.format(limit))")
        case .fieldTooLarge(let limit):
            return APIError(.payloadTooLarge, "表单字段过大，最大允许: \(SizeFormatter.format(limit))")
        case .tooManyParts(let limit):
            return .badRequest("表单字段过多，最多允许 \(limit) 个")
        }
    }
}
