import Foundation

/// One message of a chat completion.
public struct ChatMessage: Codable, Sendable, Equatable {
    public var role: String
    public var content: String

    public init(role: String, content: String) {
        self.role = role
        self.content = content
    }

    public static func system(_ text: String) -> ChatMessage { ChatMessage(role: "system", content: text) }
    public static func user(_ text: String) -> ChatMessage { ChatMessage(role: "user", content: text) }
    public static func assistant(_ text: String) -> ChatMessage { ChatMessage(role: "assistant", content: text) }
}

/// What kind of prompt a call carries: named in the audit file and the task log, and sent as the
/// `X-DP-Prompt-Kind` header (real endpoints ignore it; the test server scripts answers by it).
public enum PromptKind: String, Sendable, CaseIterable {
    case tableComments = "table_comments"
    case themes
    case questionPairs = "question_pairs"
    case sqlRepair = "sql_repair"
    case databaseSummary = "database_summary"
}

/// A chat completion request as the pipeline makes it.
public struct ChatRequest: Sendable {
    public var kind: PromptKind
    public var messages: [ChatMessage]
    /// Ask for `response_format: {"type": "json_object"}` where the endpoint supports it.
    public var wantsJSON: Bool

    public init(kind: PromptKind, messages: [ChatMessage], wantsJSON: Bool) {
        self.kind = kind
        self.messages = messages
        self.wantsJSON = wantsJSON
    }
}

/// The model's answer text and what the call cost.
public struct ChatAnswer: Sendable {
    public var text: String
    public var promptTokens: Int?
    public var completionTokens: Int?
    /// Seconds from the first attempt to the answer, retries included.
    public var latency: Double
    public var attempts: Int

    public init(text: String, promptTokens: Int? = nil, completionTokens: Int? = nil, latency: Double, attempts: Int = 1) {
        self.text = text
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.latency = latency
        self.attempts = attempts
    }
}

/// Why a chat completion failed after its retries; the message never contains the API key.
public struct ChatFailure: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// Something that answers chat completions: the OpenAI-compatible HTTP client in production. Thread-safe.
public protocol ChatCompleting: Sendable {
    /// A short name for logs and results (`openai:qwen-plus`).
    var name: String { get }
    func complete(_ request: ChatRequest) throws -> ChatAnswer
}
