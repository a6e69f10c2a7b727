import PipelineCore

/// A matched request: the request itself and the path parameters of its route.
struct RouteContext {
    var request: HTTPRequest
    var parameters: [String: String]

    /// The `{task_id}` path parameter, validated before any file or database access.
    func taskID() throws -> TaskID {
        guard let raw = parameters["task_id"], let id = TaskID(raw) else { throw APIError.invalidTaskID }
        return id
    }

    /// The `{file_name}` path parameter, validated by the file-name rules.
    func fileName() throws -> SafeFileName {
        let raw = parameters["file_name"] ?? ""
        guard let name = SafeFileName(raw) else { throw APIError.badRequest("文件名包含不安全字符: \(raw)") }
        return name
    }
}
