import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Blocking HTTP requests over one `URLSession`, for callers that block (the worker's steps).
///
/// URLSession rather than a socket client of our own: the real endpoints are HTTPS (DashScope, DeepSeek), and
/// URLSession (libcurl underneath on Linux) brings TLS, proxies and connection reuse. It is safe to call from many
/// threads at once: each call waits on its own semaphore, and completion handlers run on a serial queue of ours
/// (`callbackQueue`), never on a calling thread.
///
/// The timeout is our own deadline, not `timeoutInterval`: swift-corelibs-foundation truncates that to whole
/// seconds (0.5 s became an immediate `timedOut` in our tests) and it is an idle timer, not a bound on the request.
/// `timeoutInterval` is set a little beyond the deadline, only as a backstop.
final class SynchronousHTTPClient: Sendable {
    /// What one request came to.
    enum Outcome: Sendable {
        /// Any HTTP answer, error statuses included; header names are lower-cased.
        case response(status: Int, headers: [String: String], body: Data)
        /// No answer within the deadline (ours or URLSession's).
        case timedOut
        /// No answer: refused, reset, closed early, DNS, TLS. `retryable` is false for errors that will not heal.
        case failed(reason: String, retryable: Bool)
    }

    private let session: URLSession
    /// Where URLSession runs completion handlers: a serial queue of our own, kept here because
    /// `OperationQueue.underlyingQueue` does not retain it. A serial queue gets a thread whenever it has work, so
    /// callers blocking every thread of GCD's global pool (GCD workers, Swift concurrency's cooperative threads)
    /// cannot starve the handlers that would wake them; with the default delegate queue they did, and each call
    /// stalled until GCD's pool monitor added a thread (about a second, measured).
    private let callbackQueue = DispatchQueue(label: "dp.openai.http.callbacks")

    /// A session allowing `maxConnections` connections per host; nothing cached, no cookies.
    init(maxConnections: Int) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = max(1, maxConnections)
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        let callbacks = OperationQueue()
        callbacks.name = "dp.openai.http.callbacks"
        callbacks.underlyingQueue = callbackQueue
        session = URLSession(configuration: configuration, delegate: nil, delegateQueue: callbacks)
    }

    deinit {
        session.invalidateAndCancel()
    }

    /// Sends the request and waits at most `timeout` seconds for the complete answer.
    func send(_ request: URLRequest, timeout: Double) -> Outcome {
        var request = request
        request.timeoutInterval = timeout.rounded(.up) + 1
        let box = OutcomeBox()
        let task = session.dataTask(with: request) { data, response, error in
            box.set(Self.outcome(data: data, response: response, error: error))
        }
        task.resume()
        guard let outcome = box.wait(seconds: timeout) else {
            task.cancel()
            return .timedOut
        }
        return outcome
    }

    private static func outcome(data: Data?, response: URLResponse?, error: Error?) -> Outcome {
        if let error {
            let code = urlErrorCode(error)
            if code == .timedOut { return .timedOut }
            return .failed(reason: reason(code, error), retryable: code.map(isRetryable) ?? true)
        }
        guard let http = response as? HTTPURLResponse else {
            return .failed(reason: "应答不是 HTTP", retryable: true)
        }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
        }
        return .response(status: http.statusCode, headers: headers, body: data ?? Data())
    }

    /// The URLError code, whether the error arrives as `URLError` or as an `NSError` of `NSURLErrorDomain`.
    private static func urlErrorCode(_ error: Error) -> URLError.Code? {
        if let error = error as? URLError { return error.code }
        let error = error as NSError
        return error.domain == NSURLErrorDomain ? URLError.Code(rawValue: error.code) : nil
    }

    /// Connection failures that another attempt may not meet; TLS and URL errors are not among them.
    private static func isRetryable(_ code: URLError.Code) -> Bool {
        switch code {
        case .cannotConnectToHost, .networkConnectionLost, .notConnectedToInternet, .cannotFindHost,
             .dnsLookupFailed, .badServerResponse, .zeroByteResource, .resourceUnavailable, .cannotLoadFromNetwork, .timedOut:
            return true
        default:
            return false
        }
    }

    private static func reason(_ code: URLError.Code?, _ error: Error) -> String {
        switch code {
        case .cannotConnectToHost?: return "连接被拒绝"
        case .networkConnectionLost?: return "连接中断"
        case .badServerResponse?, .zeroByteResource?: return "服务端未返回应答即关闭连接"
        case .cannotFindHost?, .dnsLookupFailed?: return "无法解析主机名"
        case .secureConnectionFailed?, .serverCertificateUntrusted?, .serverCertificateHasBadDate?,
             .serverCertificateNotYetValid?, .serverCertificateHasUnknownRoot?, .clientCertificateRejected?:
            return "TLS 握手失败"
        case let code?: return "URLError \(code.rawValue)"
        case nil: return String(describing: type(of: error))
        }
    }
}

/// The one outcome of a request, handed from URLSession's queue to the waiting thread.
private final class OutcomeBox: @unchecked Sendable {
    private let lock = NSLock()
    private let done = DispatchSemaphore(value: 0)
    private var outcome: SynchronousHTTPClient.Outcome?

    func set(_ value: SynchronousHTTPClient.Outcome) {
        lock.lock()
        outcome = value
        lock.unlock()
        done.signal()
    }

    /// The outcome, or nil when none came within `seconds`.
    func wait(seconds: Double) -> SynchronousHTTPClient.Outcome? {
        guard done.wait(timeout: .now() + seconds) == .success else { return nil }
        lock.lock()
        defer { lock.unlock() }
        return outcome
    }
}
