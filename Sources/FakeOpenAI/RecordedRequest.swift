import Foundation

/// A request the fake server received on its OpenAI routes, for assertions (control requests are not recorded).
public struct RecordedRequest: Codable, Sendable, Equatable {
    public var method: String
    /// The request target as sent, e.g. `/v1/chat/completions`.
    public var path: String
    /// Header names lower-cased; a repeated header keeps its last value.
    public var headers: [String: String]
    /// The body as text (UTF-8).
    public var body: String
    /// Seconds since the server started when the request was read completely.
    public var receivedAt: Double

    /// A recorded request.
    public init(method: String, path: String, headers: [String: String], body: String, receivedAt: Double) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
        self.receivedAt = receivedAt
    }

    enum CodingKeys: String, CodingKey {
        case method, path, headers, body
        case receivedAt = "received_at"
    }

    /// The `X-DP-Prompt-Kind` header.
    public var promptKind: String? { headers["x-dp-prompt-kind"] }

    /// The body decoded as `T` (e.g. a struct with the fields a test checks); nil when it does not decode.
    public func decodedBody<T: Decodable>(_ type: T.Type) -> T? {
        try? JSONDecoder().decode(type, from: Data(body.utf8))
    }
}
