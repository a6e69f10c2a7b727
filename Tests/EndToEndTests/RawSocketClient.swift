import Foundation

/// Sends bytes as they are over one TCP connection to the stack's nginx and reads one HTTP/1.x answer, for requests
/// neither URLSession nor curl will send (a `%00` path, broken chunked framing, `Transfer-Encoding` with
/// `Content-Length`, `TRACE`, an unknown transfer coding). Answers go to the `ResponseRecorder` too.
struct RawSocketClient: Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let host: String
    let port: UInt16
    let recorder: ResponseRecorder

    /// `baseURL` like `http://127.0.0.1:18084`.
    init(baseURL: String, recorder: ResponseRecorder = .shared) throws {
        guard let components = URLComponents(string: baseURL), let host = components.host,
              let port = components.port.flatMap(UInt16.init(exactly:)) else {
            throw Failure(description: "no host and port in \(baseURL)")
        }
        self.host = host
        self.port = port
        self.recorder = recorder
    }

    /// Sends `request` (head and body, exactly) and returns the answer; `label` names it in failure messages.
    func send(_ request: [UInt8], label: String, timeout: TimeInterval = 10) throws -> HTTPResult {
        let descriptor = try connect(timeout: timeout)
        defer { close(descriptor) }
        var offset = 0
        while offset < request.count {
            let written = request[offset...].withUnsafeBytes { Foundation.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { throw Failure(description: "\(label): send failed (errno \(errno))") }
            offset += written
        }
        let answer = try readAnswer(descriptor, label: label)
        recorder.record(.init(request: label, status: answer.status, headers: answer.headers, body: answer.body))
        return answer
    }

    private func connect(timeout: TimeInterval) throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket failed (errno \(errno))") }
        var interval = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            close(descriptor)
            throw Failure(description: "not an IPv4 address: \(host)")
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Foundation.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(descriptor)
            throw Failure(description: "connect to \(host):\(port) failed (errno \(errno))")
        }
        return descriptor
    }

    /// Reads until the head and `Content-Length` bytes of body are in, or the peer closes.
    private func readAnswer(_ descriptor: Int32, label: String) throws -> HTTPResult {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count < 0, errno == EINTR { continue }
            if count < 0 { throw Failure(description: "\(label): no complete answer (errno \(errno)) after \(bytes.count) bytes") }
            if count == 0 { break }
            bytes += buffer[..<count]
            if let head = HeadParser(bytes, separator: separator), let length = head.contentLength,
               bytes.count >= head.bodyStart + length {
                break
            }
        }
        guard let head = HeadParser(bytes, separator: separator) else {
            throw Failure(description: "\(label): no HTTP head in \(String(decoding: bytes.prefix(200), as: UTF8.self).debugDescription)")
        }
        let end = head.contentLength.map { min(bytes.count, head.bodyStart + $0) } ?? bytes.count
        return HTTPResult(request: label, status: head.status, headers: head.headers, body: Data(bytes[head.bodyStart..<end]))
    }
}

/// The status line and headers of an HTTP/1.x answer.
private struct HeadParser {
    var status: Int
    var headers: [String: String]
    var bodyStart: Int

    var contentLength: Int? { headers["content-length"].flatMap { Int($0) } }

    init?(_ bytes: [UInt8], separator: [UInt8]) {
        guard let range = bytes.firstRange(of: separator) else { return nil }
        let lines = String(decoding: bytes[..<range.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, statusParts[0].hasPrefix("HTTP/1."), let status = Int(statusParts[1]) else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        self.status = status
        self.headers = headers
        bodyStart = range.upperBound
    }
}
