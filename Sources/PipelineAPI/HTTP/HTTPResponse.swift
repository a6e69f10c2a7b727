import Foundation

/// A response as the API produces it; the transport writes it out.
public struct HTTPResponse {
    public enum Body {
        case bytes([UInt8])
        /// Stream this file (the transport reads it in chunks).
        case file(URL, size: Int64)
    }

    public var status: Int
    public var headers: [(String, String)]
    public var body: Body

    public init(status: Int, headers: [(String, String)] = [], body: Body = .bytes([])) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    /// The body bytes of an in-memory response (empty for file bodies); for tests and logging.
    public var bodyBytes: [UInt8] {
        if case .bytes(let bytes) = body { return bytes }
        return []
    }
}
