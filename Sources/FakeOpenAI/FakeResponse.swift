import Foundation

/// One scripted answer of the fake server: what it does with the next request of a prompt kind.
///
/// JSON form (for `POST /_control/script`): `{"action": "reply", "text": "…"}`,
/// `{"action": "status", "status": 429, "message": "slow down", "retry_after": "1"}`, `{"action": "hang"}`,
/// `{"action": "disconnect"}`, `{"action": "malformed"}`, `{"action": "body", "text": "{…}"}`; any of them with
/// `"delay_ms": 500` waits that long first.
public struct FakeResponse: Codable, Sendable, Equatable {
    /// What the server does.
    public enum Action: String, Codable, Sendable {
        /// 200 with a completion whose content is `text` (on `/embeddings`: the computed vectors).
        case reply
        /// An error status with an OpenAI-style error body (`message`) or `text` as the raw body.
        case status
        /// Never answers; holds the connection until the client gives up or the server stops.
        case hang
        /// Closes the connection without a byte of answer.
        case disconnect
        /// 200 with a truncated JSON body.
        case malformed
        /// 200 with `text` as the raw body.
        case body
    }

    public var action: Action
    public var text: String?
    public var status: Int?
    public var message: String?
    /// Sent as the `Retry-After` header (seconds or an HTTP date).
    public var retryAfter: String?
    public var delayMilliseconds: Int?
    /// Reported in `usage` instead of the computed counts.
    public var promptTokens: Int?
    public var completionTokens: Int?

    /// A response; the static builders below are shorter.
    public init(action: Action, text: String? = nil, status: Int? = nil, message: String? = nil,
                retryAfter: String? = nil, delayMilliseconds: Int? = nil, promptTokens: Int? = nil,
                completionTokens: Int? = nil) {
        self.action = action
        self.text = text
        self.status = status
        self.message = message
        self.retryAfter = retryAfter
        self.delayMilliseconds = delayMilliseconds
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
    }

    enum CodingKeys: String, CodingKey {
        case action, text, status, message
        case retryAfter = "retry_after"
        case delayMilliseconds = "delay_ms"
        case promptTokens = "prompt_tokens"
        case completionTokens = "completion_tokens"
    }

    /// A completion whose content is `text`.
    public static func reply(_ text: String, promptTokens: Int? = nil, completionTokens: Int? = nil) -> FakeResponse {
        FakeResponse(action: .reply, text: text, promptTokens: promptTokens, completionTokens: completionTokens)
    }

    /// An error status with an OpenAI-style body `{"error": {"message": …}}`, or `body` verbatim.
    public static func status(_ code: Int, message: String? = nil, body: String? = nil, retryAfter: String? = nil) -> FakeResponse {
        FakeResponse(action: .status, text: body, status: code, message: message, retryAfter: retryAfter)
    }

    /// No answer at all until the client closes the connection.
    public static let hang = FakeResponse(action: .hang)
    /// The connection closed without an answer.
    public static let disconnect = FakeResponse(action: .disconnect)
    /// A 200 whose JSON body is cut off.
    public static let malformedJSON = FakeResponse(action: .malformed)

    /// A 200 with `text` as the raw body.
    public static func rawBody(_ text: String) -> FakeResponse {
        FakeResponse(action: .body, text: text)
    }

    /// The same response after waiting `milliseconds`.
    public func delayed(by milliseconds: Int) -> FakeResponse {
        var copy = self
        copy.delayMilliseconds = milliseconds
        return copy
    }
}
