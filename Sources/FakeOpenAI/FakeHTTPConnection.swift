import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One accepted connection of the fake server: reads HTTP/1.1 requests (Content-Length or chunked bodies,
/// `Expect: 100-continue`) and writes responses. Used by one thread only.
final class FakeHTTPConnection {
    /// A parsed request.
    struct Request {
        var method: String
        var target: String
        /// Lower-cased names; a repeated header keeps its last value.
        var headers: [String: String]
        var body: Data
        var keepAlive: Bool
    }

    /// A response to write.
    struct Response {
        var status: Int
        var headers: [(String, String)] = []
        var body: Data = Data()

        static func json(_ status: Int, _ body: Data, headers: [(String, String)] = []) -> Response {
            Response(status: status, headers: [("Content-Type", "application/json")] + headers, body: body)
        }
    }

    enum ReadResult {
        case request(Request)
        /// The client closed the connection, or the server is stopping.
        case closed
        /// Not HTTP we understand; answer 400 and close.
        case invalid(String)
    }

    private static let maxHeaderBytes = 64 * 1024
    private static let maxBodyBytes = 64 * 1024 * 1024

    private let descriptor: Int32
    private let isStopping: @Sendable () -> Bool
    private var buffer = Data()

    init(descriptor: Int32, isStopping: @escaping @Sendable () -> Bool) {
        self.descriptor = descriptor
        self.isStopping = isStopping
    }

    deinit {
        close(descriptor)
    }

    /// The next request on the connection (waiting while it is idle, until the client closes or the server stops).
    func readRequest() -> ReadResult {
        var headerEnd: Range<Data.Index>?
        while true {
            headerEnd = buffer.range(of: Data("\r\n\r\n".utf8))
            if headerEnd != nil { break }
            if buffer.count > Self.maxHeaderBytes { return .invalid("header too large") }
            guard fill() else { return .closed }
        }
        let head = String(decoding: buffer[buffer.startIndex..<headerEnd!.lowerBound], as: UTF8.self)
        buffer = Data(buffer[headerEnd!.upperBound...])
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ", omittingEmptySubsequences: true)
        guard requestLine.count == 3, requestLine[2].hasPrefix("HTTP/1.") else { return .invalid("bad request line") }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { return .invalid("bad header line") }
            headers[line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()] =
                line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        if headers["expect"]?.lowercased() == "100-continue" {
            guard send(Data("HTTP/1.1 100 Continue\r\n\r\n".utf8)) else { return .closed }
        }
        let body: Data
        if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            guard let chunked = readChunkedBody() else { return .closed }
            body = chunked
        } else {
            let length = Int(headers["content-length"] ?? "0") ?? -1
            guard (0...Self.maxBodyBytes).contains(length) else { return .invalid("bad content-length") }
            while buffer.count < length {
                guard fill() else { return .closed }
            }
            body = Data(buffer.prefix(length))
            buffer = Data(buffer.dropFirst(length))
        }
        let connection = headers["connection"]?.lowercased() ?? ""
        let keepAlive = requestLine[2] == "HTTP/1.1" ? !connection.contains("close") : connection.contains("keep-alive")
        return .request(Request(method: String(requestLine[0]), target: String(requestLine[1]), headers: headers,
                                body: body, keepAlive: keepAlive))
    }

    /// Writes a complete response; false when the client has gone.
    @discardableResult
    func write(_ response: Response, keepAlive: Bool) -> Bool {
        var head = "HTTP/1.1 \(response.status) \(Self.reason(response.status))\r\n"
        for (name, value) in response.headers {
            head += "\(name): \(value)\r\n"
        }
        head += "Content-Length: \(response.body.count)\r\nConnection: \(keepAlive ? "keep-alive" : "close")\r\n\r\n"
        return send(Data(head.utf8) + response.body)
    }

    /// Waits until the client closes the connection, the server stops, or `limit` seconds passed; for `hang`.
    func waitForClientToLeave(limit: Double) {
        let deadline = Date().addingTimeInterval(limit)
        while Date() < deadline, !isStopping() {
            var probe = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            if poll(&probe, 1, 50) > 0 {
                var byte: UInt8 = 0
                // Data the client sends meanwhile is ignored; only its end (0) or an error ends the wait.
                if recv(descriptor, &byte, 1, Int32(MSG_PEEK)) <= 0 { return }
                var sink = [UInt8](repeating: 0, count: 4096)
                _ = recv(descriptor, &sink, sink.count, 0)
            }
        }
    }

    /// Reads more bytes into the buffer; false on end of stream, error, or stop.
    private func fill() -> Bool {
        while !isStopping() {
            var probe = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&probe, 1, 100)
            if ready < 0 && errno != EINTR { return false }
            guard ready > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = recv(descriptor, &chunk, chunk.count, 0)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            buffer.append(contentsOf: chunk[0..<count])
            return true
        }
        return false
    }

    private func readChunkedBody() -> Data? {
        var body = Data()
        while true {
            while buffer.range(of: Data("\r\n".utf8)) == nil {
                guard fill() else { return nil }
            }
            let lineEnd = buffer.range(of: Data("\r\n".utf8))!
            let sizeText = String(decoding: buffer[buffer.startIndex..<lineEnd.lowerBound], as: UTF8.self)
            buffer = Data(buffer[lineEnd.upperBound...])
            guard let size = Int(sizeText.split(separator: ";")[0].trimmingCharacters(in: .whitespaces), radix: 16),
                  size >= 0, body.count + size <= Self.maxBodyBytes else { return nil }
            while buffer.count < size + 2 {
                guard fill() else { return nil }
            }
            body.append(buffer.prefix(size))
            buffer = Data(buffer.dropFirst(size + 2))
            // Trailers are not used by any client of the fake; a zero chunk ends the body.
            if size == 0 { return body }
        }
    }

    private func send(_ data: Data) -> Bool {
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.send(descriptor, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return false }
                offset += written
            }
            return true
        }
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        default: return "Status"
        }
    }
}
