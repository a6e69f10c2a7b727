import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A client of a running fake server's control API (`dp-fake-openai` in another process, or one in process).
public struct FakeOpenAIControl: Sendable {
    /// The control API failed.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// `http://127.0.0.1:<port>`.
    public let root: String

    /// A client of the fake listening on `127.0.0.1:port`.
    public init(port: UInt16) {
        root = "http://127.0.0.1:\(port)"
    }

    /// `POST /_control/script`.
    public func apply(_ script: FakeScript) throws {
        _ = try call("POST", "/_control/script", body: JSONEncoder().encode(script))
    }

    /// `POST /_control/reset`.
    public func reset() throws {
        _ = try call("POST", "/_control/reset", body: Data("{}".utf8))
    }

    /// `POST /_control/latency`.
    public func setLatency(milliseconds: Int) throws {
        _ = try call("POST", "/_control/latency", body: Data("{\"milliseconds\": \(milliseconds)}".utf8))
    }

    /// `GET /_control/requests`.
    public func requestLog() throws -> FakeRequestLog {
        try JSONDecoder().decode(FakeRequestLog.self, from: call("GET", "/_control/requests", body: nil))
    }

    private func call(_ method: String, _ path: String, body: Data?) throws -> Data {
        guard let url = URL(string: root + path) else { throw Failure(description: "bad URL \(root + path)") }
        var request = URLRequest(url: url, timeoutInterval: 10)
        request.httpMethod = method
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox()
        let task = URLSession.shared.dataTask(with: request) { data, response, error in
            box.set(data: data, status: (response as? HTTPURLResponse)?.statusCode, error: error)
            done.signal()
        }
        task.resume()
        guard done.wait(timeout: .now() + 15) == .success else {
            task.cancel()
            throw Failure(description: "\(method) \(path): no answer")
        }
        let (data, status, error) = box.get()
        if let error { throw Failure(description: "\(method) \(path): \(error)") }
        guard status == 200 else {
            throw Failure(description: "\(method) \(path): HTTP \(status ?? 0) \(String(decoding: data ?? Data(), as: UTF8.self))")
        }
        return data ?? Data()
    }

    private final class ResultBox: @unchecked Sendable {
        private let lock = NSLock()
        private var value: (Data?, Int?, Error?) = (nil, nil, nil)

        func set(data: Data?, status: Int?, error: Error?) {
            lock.withLock { value = (data, status, error) }
        }

        func get() -> (Data?, Int?, Error?) {
            lock.withLock { value }
        }
    }
}
