import Foundation
import PipelineCore
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// POSTs JSON to an OpenAI-compatible endpoint with retries, backoff and a concurrency bound; the machinery shared
/// by `OpenAIChatClient` and `OpenAICompatibleEmbedder`. Thread-safe; callers block.
final class OpenAIHTTPTransport: Sendable {
    /// A successful (2xx) answer and what it took.
    struct Exchange: Sendable {
        var status: Int
        var body: Data
        var attempts: Int
        /// Seconds from the first attempt to this answer, waits between attempts included.
        var latency: Double
    }

    let endpoint: OpenAIEndpoint
    /// Masks the API key in anything an endpoint says back.
    let redactor: SecretRedactor
    private let http: SynchronousHTTPClient
    /// The global bound: one permit per HTTP attempt in flight, over all threads using this transport. A call
    /// does not hold its permit while it waits to retry, so a back-off never idles a slot.
    private let permits: DispatchSemaphore
    private let policy: RetryPolicy
    private let sleep: @Sendable (Double) -> Void

    init(endpoint: OpenAIEndpoint, sleep: @escaping @Sendable (Double) -> Void = { Thread.sleep(forTimeInterval: $0) }) {
        self.endpoint = endpoint
        self.redactor = SecretRedactor(secrets: endpoint.apiKey.map { [$0] } ?? [])
        self.http = SynchronousHTTPClient(maxConnections: endpoint.maxConcurrency)
        self.permits = DispatchSemaphore(value: endpoint.maxConcurrency)
        self.policy = RetryPolicy(endpoint)
        self.sleep = sleep
    }

    /// POSTs `body` to `{base}/{path}` until it gets a 2xx, a non-retryable answer, or runs out of attempts.
    func post(_ path: String, body: Data, headers: [String: String] = [:]) throws(TransportFailure) -> Exchange {
        let request = makeRequest(path, body: body, headers: headers)
        let clock = ContinuousClock()
        let started = clock.now
        func elapsed() -> Double {
            let duration = clock.now - started
            return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }
        var attempt = 0
        while true {
            attempt += 1
            let outcome = withPermit { http.send(request, timeout: endpoint.timeoutSeconds) }
            let cause: TransportFailure.Cause
            var retryable = true
            var retryAfter: String?
            switch outcome {
            case .response(let status, _, let data) where (200..<300).contains(status):
                return Exchange(status: status, body: data, attempts: attempt, latency: elapsed())
            case .response(let status, let headers, let data):
                cause = .status(status, message: TransportFailure.endpointMessage(in: data, redactor: redactor))
                retryable = RetryPolicy.isRetryable(status: status)
                retryAfter = headers["retry-after"]
            case .timedOut:
                cause = .timeout(seconds: endpoint.timeoutSeconds)
            case .failed(let reason, let canRetry):
                cause = .connection(redactor.redact(reason))
                retryable = canRetry
            }
            guard retryable, attempt <= policy.maxRetries else {
                throw TransportFailure(cause: cause, attempts: attempt, latency: elapsed())
            }
            sleep(policy.delay(afterAttempt: attempt, retryAfter: retryAfter))
        }
    }

    private func withPermit<T>(_ body: () -> T) -> T {
        permits.wait()
        defer { permits.signal() }
        return body()
    }

    private func makeRequest(_ path: String, body: Data, headers: [String: String]) -> URLRequest {
        var request = URLRequest(url: endpoint.url(path))
        request.httpMethod = "POST"
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        request.setValue("dp-pipeline", forHTTPHeaderField: "User-Agent")
        if let key = endpoint.apiKey {
            request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")
        }
        for (name, value) in headers {
            request.setValue(value, forHTTPHeaderField: name)
        }
        return request
    }
}
