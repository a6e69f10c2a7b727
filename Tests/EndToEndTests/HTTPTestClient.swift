import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One answer of the stack, as the tests look at it.
struct HTTPResult: Sendable {
    var request: String
    var status: Int
    /// Header values by lower-cased name.
    var headers: [String: String]
    var body: Data

    var json: JSON? { JSON.parse(body) }
    var text: String { String(decoding: body, as: UTF8.self) }
    /// `data` of the envelope.
    var data: JSON { json?["data"] ?? .null }

    func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// Synchronous requests through URLSession to the stack's nginx; every answer goes to the `ResponseRecorder`.
/// For request targets URLSession would normalise, use `RawHTTPClient`.
struct HTTPTestClient: Sendable {
    struct TransportError: Error, CustomStringConvertible {
        var request: String
        var underlying: String
        var description: String { "\(request): no HTTP answer (\(underlying))" }
    }

    let baseURL: String
    let recorder: ResponseRecorder
    private let session: URLSession

    init(baseURL: String, recorder: ResponseRecorder = .shared) {
        self.baseURL = baseURL
        self.recorder = recorder
        let configuration = URLSessionConfiguration.ephemeral
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.timeoutIntervalForRequest = 90
        configuration.httpMaximumConnectionsPerHost = 16
        session = URLSession(configuration: configuration)
    }

    /// `path` is appended to the base URL as written (already percent-encoded), e.g. `/api/v0/health`.
    func send(_ method: String, _ path: String, headers: [String: String] = [:], body: Data? = nil) throws -> HTTPResult {
        let description = "\(method) \(path)"
        guard let url = URL(string: baseURL + path) else {
            throw TransportError(request: description, underlying: "not a URL")
        }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.timeoutInterval = 90
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = body

        final class Box: @unchecked Sendable {
            var result: Result<(HTTPURLResponse, Data), Error>?
        }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let task = session.dataTask(with: request) { data, response, error in
            if let response = response as? HTTPURLResponse {
                box.result = .success((response, data ?? Data()))
            } else {
                box.result = .failure(error ?? TransportError(request: description, underlying: "no response"))
            }
            done.signal()
        }
        task.resume()
        done.wait()
        switch box.result! {
        case .failure(let error):
            throw TransportError(request: description, underlying: "\(error)")
        case .success(let (response, data)):
            var lowered: [String: String] = [:]
            for (name, value) in response.allHeaderFields {
                if let name = name as? String, let value = value as? String { lowered[name.lowercased()] = value }
            }
            let result = HTTPResult(request: description, status: response.statusCode, headers: lowered, body: data)
            recorder.record(.init(request: description, status: result.status, headers: lowered, body: data))
            return result
        }
    }

    func get(_ path: String) throws -> HTTPResult { try send("GET", path) }

    /// A JSON request; `body` is sent as given, with `Content-Type: application/json`.
    func sendJSON(_ method: String, _ path: String, _ body: Data) throws -> HTTPResult {
        try send(method, path, headers: ["Content-Type": "application/json"], body: body)
    }

    func postJSON(_ path: String, _ fields: [String: Any]) throws -> HTTPResult {
        try sendJSON("POST", path, JSONText.object(fields))
    }

    func postMultipart(_ path: String, _ body: MultipartBody) throws -> HTTPResult {
        try send("POST", path, headers: ["Content-Type": body.contentType], body: body.data)
    }
}
