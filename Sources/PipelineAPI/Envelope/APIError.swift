import PipelineWording

/// An error answer: its kind fixes HTTP status, `message` and `error_type`; `response` is the Chinese text for users.
public struct APIError: Error, Equatable, Sendable {
    public enum Kind: Sendable, Equatable {
        case badRequest
        case missingParameters
        case unauthorized
        case notFound
        case methodNotAllowed
        case conflict
        case payloadTooLarge
        case unsupportedMediaType
        case notImplemented
        /// Some items of a batch succeeded and some failed (HTTP 207, as the predecessor's batch routes answered).
        case partialSuccess
        case internalError
        case serviceUnavailable
        /// The service's own storage failed (unwritable, read-only, full): not the client's input, and not a bug.
        case storageUnavailable

        var status: Int {
            switch self {
            case .badRequest, .missingParameters: return 400
            case .unauthorized: return 401
            case .notFound: return 404
            case .methodNotAllowed: return 405
            case .conflict: return 409
            case .payloadTooLarge: return 413
            case .unsupportedMediaType: return 415
            case .internalError: return 500
            case .partialSuccess: return 207
            case .notImplemented: return 501
            case .serviceUnavailable: return 503
            case .storageUnavailable: return 507
            }
        }

        var message: String {
            switch self {
            case .badRequest, .missingParameters: return "请求参数错误"
            case .unauthorized: return "未授权"
            case .notFound: return "资源未找到"
            case .methodNotAllowed: return "请求方法不支持"
            case .conflict: return "操作冲突"
            case .payloadTooLarge: return "请求体过大"
            case .unsupportedMediaType: return "不支持的媒体类型"
            case .notImplemented: return "功能尚未实现"
            case .partialSuccess: return "部分操作成功"
            case .internalError: return "系统内部错误"
            case .serviceUnavailable: return "服务暂时不可用"
            case .storageUnavailable: return "服务器存储不可用"
            }
        }

        var errorType: String {
            switch self {
            case .badRequest: return "invalid_params"
            case .missingParameters: return "missing_required_params"
            case .unauthorized: return "unauthorized"
            case .notFound: return "resource_not_found"
            case .methodNotAllowed: return "method_not_allowed"
            case .conflict: return "conflict"
            case .payloadTooLarge: return "payload_too_large"
            case .unsupportedMediaType: return "unsupported_media_type"
            case .notImplemented: return "not_implemented"
            case .partialSuccess: return "partial_success"
            case .internalError: return "internal_error"
            case .serviceUnavailable: return "service_unavailable"
            case .storageUnavailable: return "storage_unavailable"
            }
        }

        var canRetry: Bool { self == .internalError || self == .serviceUnavailable }
    }

    public var kind: Kind
    public var response: String
    public var missingParameters: [String]?
    /// `data.can_retry` when this error decides it itself (written even when false); nil: the kind's default.
    public var retry: Bool?

    public init(_ kind: Kind, _ response: String, missingParameters: [String]? = nil, canRetry: Bool? = nil) {
        self.kind = kind
        self.response = response
        self.missingParameters = missingParameters
        retry = canRetry
    }

    /// `data.can_retry`: true, false, or absent (nil).
    var canRetry: Bool? { retry ?? (kind.canRetry ? true : nil) }

    public static func badRequest(_ text: String) -> APIError { APIError(.badRequest, text) }
    public static func missing(_ parameter: String, _ text: String? = nil) -> APIError {
        APIError(.missingParameters, text ?? "缺少必需参数：\(parameter)", missingParameters: [parameter])
    }
    public static func notFound(_ text: String) -> APIError { APIError(.notFound, text) }
    public static func taskNotFound(_ id: String) -> APIError { APIError(.notFound, ReasonWording.taskNotFound(id)) }
    public static let invalidTaskID = APIError(.badRequest, "无效的任务ID格式，只允许字母、数字和下划线（1-64个字符）")
}
