/// A request as the API sees it, independent of the transport (FastCGI in production, values in tests).
public struct HTTPRequest {
    public var method: String
    /// The raw path, still percent-encoded, without the query string.
    public var rawPath: String
    public var query: QueryParameters
    /// Header values by lower-cased name (`content-type`, `content-length`, `authorization`).
    public var headers: [String: String]
    /// The user nginx authenticated (`REMOTE_USER`), if any.
    public var remoteUser: String?
    public var body: RequestBodyStream

    /// Builds a request from the raw request target (`/api/v0/x?y=1`).
    public init(method: String, target: String, headers: [String: String] = [:], remoteUser: String? = nil,
                body: RequestBodyStream = BufferedRequestBody([])) {
        self.method = method.uppercased()
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        rawPath = String(parts[0])
        query = QueryParameters(parts.count > 1 ? String(parts[1]) : "")
        var lowered: [String: String] = [:]
        for (name, value) in headers { lowered[name.lowercased()] = value }
        self.headers = lowered
        self.remoteUser = remoteUser
        self.body = body
    }

    public var contentType: String? { headers["content-type"].flatMap { $0.isEmpty ? nil : $0 } }

    /// The declared body length; nil when absent or empty (nginx sends an empty CONTENT_LENGTH on GET).
    public var contentLength: Int? { headers["content-length"].flatMap { Int($0) } }

    /// Path segments, each percent-decoded on its own, so an encoded `/` (`%2F`) stays inside its segment.
    /// Nil when a segment is not valid percent-encoded UTF-8.
    public var pathSegments: [String]? {
        var segments: [String] = []
        for raw in rawPath.split(separator: "/", omittingEmptySubsequences: true) {
            guard let decoded = PercentDecoding.decode(raw) else { return nil }
            segments.append(decoded)
        }
        return segments
    }
}

/// Query-string parameters, decoded (`+` as space, percent escapes); repeated names keep every value.
public struct QueryParameters: Sendable {
    private var values: [String: [String]] = [:]

    public init(_ query: String) {
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let plusDecoded = { (text: Substring) -> String in
                text.utf8.contains(UInt8(ascii: "+")) ? text.replacingOccurrences(of: "+", with: " ") : String(text)
            }
            guard let name = PercentDecoding.decode(Substring(plusDecoded(parts[0]))) else { continue }
            let value = parts.count > 1 ? PercentDecoding.decode(Substring(plusDecoded(parts[1]))) ?? "" : ""
            values[name, default: []].append(value)
        }
    }

    public subscript(name: String) -> String? { values[name]?.first }
    public func all(_ name: String) -> [String] { values[name] ?? [] }
}

/// Percent-decoding that refuses malformed escapes and non-UTF-8 results instead of guessing.
enum PercentDecoding {
    static func decode(_ text: Substring) -> String? {
        // A byte search: `contains("%")` on a Substring is Foundation's string search (3 % of a status poll's CPU).
        guard text.utf8.contains(UInt8(ascii: "%")) else { return String(text) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    return nil
                }
                bytes.append(high << 4 | low)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
