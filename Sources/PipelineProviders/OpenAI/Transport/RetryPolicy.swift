import Foundation
import PipelineCore

/// When to try an OpenAI-compatible request again, and how long to wait first.
///
/// Retried: 429, 408, 5xx, timeouts and connection errors (the request may not have been processed, and a chat
/// completion is safe to repeat). Not retried: other 4xx (a bad key or a bad request does not heal).
struct RetryPolicy: Sendable {
    /// Extra attempts after the first.
    var maxRetries: Int
    var baseDelay: Double
    var maxDelay: Double
    /// The longest `Retry-After` honoured.
    var retryAfterCap: Double

    init(maxRetries: Int, baseDelay: Double, maxDelay: Double, retryAfterCap: Double) {
        self.maxRetries = max(0, maxRetries)
        self.baseDelay = max(0, baseDelay)
        self.maxDelay = max(0, maxDelay)
        self.retryAfterCap = max(0, retryAfterCap)
    }

    init(_ endpoint: OpenAIEndpoint) {
        self.init(maxRetries: endpoint.maxRetries, baseDelay: endpoint.retryBaseDelay,
                  maxDelay: endpoint.retryMaxDelay, retryAfterCap: endpoint.retryAfterCap)
    }

    /// Whether an HTTP status is worth another attempt.
    static func isRetryable(status: Int) -> Bool {
        status == 429 || status == 408 || (500...599).contains(status)
    }

    /// The wait before attempt `attempt + 1`, after `attempt` (1-based) failed: the server's `Retry-After` when it
    /// sent one (capped), otherwise exponential backoff with "equal jitter" (half fixed, half random), so many
    /// threads that failed together do not come back together.
    func delay(afterAttempt attempt: Int, retryAfter: String?, now: Date = Date()) -> Double {
        if let retryAfter, let seconds = Self.parseRetryAfter(retryAfter, now: now) {
            return min(seconds, retryAfterCap)
        }
        let exponent = Double(min(max(attempt - 1, 0), 30))
        let ceiling = min(maxDelay, baseDelay * pow(2, exponent))
        return ceiling / 2 + Double.random(in: 0...(ceiling / 2))
    }

    /// `Retry-After` as seconds from `now`: delta-seconds (`120`, some servers send `1.5`) or an HTTP date
    /// (`Wed, 21 Oct 2015 07:28:00 GMT`); a date in the past is 0. Nil when unreadable.
    static func parseRetryAfter(_ value: String, now: Date) -> Double? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(text), seconds.isFinite {
            return max(0, seconds)
        }
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) {
                return max(0, date.timeIntervalSince(now))
            }
        }
        return nil
    }
}

