import Foundation
import PipelineCore

/// Chat completions over HTTP from an OpenAI-compatible endpoint (`POST {base}/chat/completions`).
///
/// Retries 429, 5xx, timeouts and connection errors with exponential backoff and jitter, honouring `Retry-After`;
/// at most `endpoint.maxConcurrency` requests are in flight at once over all calling threads. Failures are
/// `ChatFailure`s with a short reason (status, the endpoint's message cut short), never the key or the prompt.
/// Thread-safe; callers block.
public final class OpenAIChatClient: ChatCompleting {
    /// Sent unless `extraBody` overrides it: low, since the pipeline wants consistent, parseable answers.
    public static let defaultTemperature = 0.2
    /// Appended to the endpoint's base URL.
    public static let path = "chat/completions"

    /// `openai:<model>`.
    public let name: String
    /// The settings the client was made with.
    public let endpoint: OpenAIEndpoint
    private let transport: OpenAIHTTPTransport
    private let audit: (@Sendable (LLMCallRecord) -> Void)?

    /// A client for `endpoint`; `audit` hears every call once, after it ended (e.g. `LLMCallAuditFile.hook`).
    public convenience init(endpoint: OpenAIEndpoint, audit: (@Sendable (LLMCallRecord) -> Void)? = nil) {
        self.init(transport: OpenAIHTTPTransport(endpoint: endpoint), audit: audit)
    }

    init(transport: OpenAIHTTPTransport, audit: (@Sendable (LLMCallRecord) -> Void)?) {
        self.transport = transport
        self.endpoint = transport.endpoint
        self.name = "openai:\(transport.endpoint.model)"
        self.audit = audit
    }

    /// One chat completion: the answer text with its token usage, latency and number of attempts.
    public func complete(_ request: ChatRequest) throws -> ChatAnswer {
        let started = Date()
        let body: Data
        do {
            body = try ChatCompletionWire.requestBody(request, endpoint: endpoint, temperature: Self.defaultTemperature)
        } catch {
            throw ChatFailure("LLM 请求无法编码为 JSON")
        }
        do throws(TransportFailure) {
            let exchange = try transport.post(Self.path, body: body, headers: ["X-DP-Prompt-Kind": request.kind.rawValue])
            do throws(TransportFailure.Malformed) {
                let answer = try ChatCompletionWire.answer(from: exchange.body)
                record(request, started: started, attempts: exchange.attempts, latency: exchange.latency,
                       answer: answer, error: nil, httpStatus: exchange.status)
                return ChatAnswer(text: answer.text, promptTokens: answer.promptTokens,
                                  completionTokens: answer.completionTokens, latency: exchange.latency,
                                  attempts: exchange.attempts)
            } catch {
                // A 2xx that is not a completion: not retried, since a server that answers this way will again.
                throw TransportFailure(cause: .malformed(error.reason), attempts: exchange.attempts, latency: exchange.latency)
            }
        } catch {
            let message = error.message(service: "LLM 接口（\(endpoint.model)）")
            record(request, started: started, attempts: error.attempts, latency: error.latency,
                   answer: nil, error: message, httpStatus: error.httpStatus)
            throw ChatFailure(message)
        }
    }

    private func record(_ request: ChatRequest, started: Date, attempts: Int, latency: Double,
                        answer: ChatCompletionWire.Answer?, error: String?, httpStatus: Int?) {
        guard let audit else { return }
        audit(LLMCallRecord(
            time: LocalTimestamp.iso(started), kind: request.kind.rawValue, model: endpoint.model, attempts: attempts,
            latencyMilliseconds: Int((latency * 1000).rounded()), messages: request.messages, response: answer?.text,
            error: error, promptTokens: answer?.promptTokens, completionTokens: answer?.completionTokens,
            status: error == nil ? "ok" : "failed", httpStatus: httpStatus))
    }
}
