import Foundation

/// One line of `llm_calls.jsonl`: a chat completion as the pipeline made it, whether it succeeded or not.
///
/// Written once per call (not per attempt). Absent values are written as `null`, so every line has every key.
public struct LLMCallRecord: Codable, Sendable, Equatable {
    /// When the call started, local time (`2026-01-05T10:00:00.123456`).
    public var time: String
    /// The prompt kind (`table_comments`, `themes`, …).
    public var kind: String
    public var model: String
    public var attempts: Int
    /// Milliseconds from the first attempt to the answer or the failure, waits between attempts included.
    public var latencyMilliseconds: Int
    public var messages: [ChatMessage]
    /// The answer text; nil when the call failed.
    public var response: String?
    /// Why the call failed; nil when it succeeded.
    public var error: String?
    public var promptTokens: Int?
    public var completionTokens: Int?
    /// `ok` or `failed`.
    public var status: String
    /// The HTTP status of the last attempt; nil when there was no HTTP answer (timeout, connection error).
    public var httpStatus: Int?

    /// A record of one call.
    public init(time: String, kind: String, model: String, attempts: Int, latencyMilliseconds: Int,
                messages: [ChatMessage], response: String?, error: String?, promptTokens: Int?,
                completionTokens: Int?, status: String, httpStatus: Int?) {
        self.time = time
        self.kind = kind
        self.model = model
        self.attempts = attempts
        self.latencyMilliseconds = latencyMilliseconds
        self.messages = messages
        self.response = response
        self.error = error
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.status = status
        self.httpStatus = httpStatus
    }

    enum CodingKeys: String, CodingKey {
        case time, kind, model, attempts
        case latencyMilliseconds = "latency_ms"
        case messages, response, error
        case promptTokens = "prompt_tokens"
        case completionTokens = "completion_tokens"
        case status
        case httpStatus = "http_status"
    }

    /// Writes every key, absent values as `null`.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(time, forKey: .time)
        try container.encode(kind, forKey: .kind)
        try container.encode(model, forKey: .model)
        try container.encode(attempts, forKey: .attempts)
        try container.encode(latencyMilliseconds, forKey: .latencyMilliseconds)
        try container.encode(messages, forKey: .messages)
        // `encode` of an Optional writes null; the synthesised `encodeIfPresent` would drop the key.
        try container.encode(response, forKey: .response)
        try container.encode(error, forKey: .error)
        try container.encode(promptTokens, forKey: .promptTokens)
        try container.encode(completionTokens, forKey: .completionTokens)
        try container.encode(status, forKey: .status)
        try container.encode(httpStatus, forKey: .httpStatus)
    }

    /// The record with every free text passed through `redact`.
    public func redacted(_ redact: (String) -> String) -> LLMCallRecord {
        var copy = self
        copy.messages = messages.map { ChatMessage(role: $0.role, content: redact($0.content)) }
        copy.response = response.map(redact)
        copy.error = error.map(redact)
        return copy
    }
}
