import PipelineCore

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
        default:
            return (APIError(.internalError, "系统内部错误，请稍后重试"), true)
        }
    }

    private static func map(_ error: PipelineError) -> (APIError, unexpected: Bool) {
        switch error {
        case .taskNotFound(let id): return (.taskNotFound(id.rawValue), false)
        case .fileNotFound(let name): return (.notFound("文件不存在: \(name)"), false)
        case .invalidInput(let text): return (.badRequest(text), false)
        case .missingParameters(let text, let parameters):
            return (APIError(.missingParameters, text, missingParameters: parameters), false)
        case .conflict(let text): return (APIError(.conflict, text), false)
        case .payloadTooLarge(let text): return (APIError(.payloadTooLarge, text), false)
        case .stateStoreUnavailable:
            return (APIError(.serviceUnavailable, "状态数据库暂时无法连接，请稍后重试"), false)
        case .businessDatabaseFailure(let reason): return (.badRequest("业务数据库访问失败: \(reason)"), false)
        case .internalFailure: return (APIError(.internalError, "系统内部错误，请稍后重试"), true)
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
