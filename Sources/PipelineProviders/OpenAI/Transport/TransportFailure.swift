import Foundation
import PipelineCore

/// Why an exchange with an OpenAI-compatible endpoint failed, after its retries.
///
/// Carries only what is safe to show: the status code, the endpoint's own `error.message` cut short (with the API key
/// masked, should the endpoint echo it), never the request body.
struct TransportFailure: Error, Sendable {
    enum Cause: Sendable, Equatable {
        /// An HTTP error status and the endpoint's error message.
        case status(Int, message: String?)
        /// No answer within the timeout of an attempt.
        case timeout(seconds: Double)
        /// No connection, or it broke before an answer (refused, reset, closed, DNS, TLS).
        case connection(String)
        /// A 2xx answer whose body is not what the API promises.
        case malformed(String)
    }

    /// A 2xx body that is not what the API promises; becomes `Cause.malformed`.
    struct Malformed: Error, Sendable {
        var reason: String
    }

    /// Longest part of an endpoint's error message that is kept.
    static let messageLimit = 300

    var cause: Cause
    var attempts: Int
    /// Seconds from the first attempt to giving up.
    var latency: Double

    /// The HTTP status of the last attempt, if it got one.
    var httpStatus: Int? {
        if case .status(let code, _) = cause { return code }
        return nil
    }

    /// One line for the task log and the audit file, e.g. `LLM 接口返回 HTTP 500（共尝试 4 次）：upstream error`.
    func message(service: String) -> String {
        let tries = attempts > 1 ? "，共尝试 \(attempts) 次" : ""
        switch cause {
        case .status(let code, let message):
            let detail = message.map { "：\($0)" } ?? ""
            return "\(service)返回 HTTP \(code)（\(Self.statusHint(code))\(tries)）\(detail)"
        case .timeout(let seconds):
            return "\(service)请求超时（每次 \(Self.seconds(seconds)) 秒\(tries)）"
        case .connection(let reason):
            return "无法连接\(service)（\(reason)\(tries)）"
        case .malformed(let reason):
            return "\(service)的应答格式无效（\(reason)\(tries)）"
        }
    }

    private static func statusHint(_ code: Int) -> String {
        switch code {
        case 401, 403: return "密钥无效或无权限"
        case 404: return "地址或模型不存在"
        case 408: return "请求超时"
        case 429: return "请求过于频繁或额度不足"
        case 400...499: return "请求被拒绝"
        default: return "服务端错误"
        }
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    /// The endpoint's error text from an error body: `error.message` (OpenAI, DashScope, DeepSeek, vLLM), `error` as
    /// a string (Ollama), or `message`; otherwise the body's text. Whitespace collapsed, cut to `messageLimit`
    /// characters, secrets masked. Nil for an empty body.
    static func endpointMessage(in body: Data, redactor: SecretRedactor) -> String? {
        var text: String?
        if case .object(let fields)? = try? JSONDecoder().decode(JSONValue.self, from: body) {
            switch (fields["error"], fields["message"]) {
            case (.object(let error)?, _):
                if case .string(let message)? = error["message"] { text = message }
            case (.string(let error)?, _): text = error
            case (_, .string(let message)?): text = message
            default: break
            }
        }
        if text == nil { text = String(decoding: body.prefix(4096), as: UTF8.self) }
        let collapsed = (text ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard !collapsed.isEmpty else { return nil }
        let redacted = redactor.redact(collapsed)
        return redacted.count > messageLimit ? String(redacted.prefix(messageLimit)) + "…" : redacted
    }
}
