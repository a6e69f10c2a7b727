import Foundation
import Glibc

/// The web server's side of one FastCGI connection, as nginx speaks it: one request at a time, `FCGI_KEEP_CONN` on
/// request. Blocking, with a receive timeout so a test that expects an answer fails instead of hanging.
final class FastCGITestClient {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let descriptor: Int32

    init(socketPath: String, receiveTimeoutSeconds: Int = 5) throws {
        descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket: \(errno)") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: socketPath.utf8) }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else {
            let error = errno
            close(descriptor)
            throw Failure(description: "connect \(socketPath): \(String(cString: strerror(error)))")
        }
        var timeout = timeval(tv_sec: receiveTimeoutSeconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(descriptor) }

    /// Sends one request with `QUERY_STRING=query` (and `body` on stdin) and returns the response's stdout
    /// (CGI head and body).
    func get(query: String, body: [UInt8] = [], keepConnection: Bool = true) throws -> String {
        try send(query: query, body: body, keepConnection: keepConnection)
        return try readResponse()
    }

    /// Sends one request without reading the answer.
    func send(query: String, body: [UInt8] = [], keepConnection: Bool = true) throws {
        var bytes: [UInt8] = []
        // FCGI_BEGIN_REQUEST: role RESPONDER, flags.
        bytes += record(type: 1, content: [0, 1, keepConnection ? 1 : 0, 0, 0, 0, 0, 0])
        var params: [UInt8] = []
        for (name, value) in [("REQUEST_METHOD", "GET"), ("REQUEST_URI", "/?" + query), ("QUERY_STRING", query)] {
            params += [UInt8(name.utf8.count), UInt8(value.utf8.count)] + Array(name.utf8) + Array(value.utf8)
        }
        bytes += record(type: 4, content: params) + record(type: 4, content: [])
        for start in stride(from: 0, to: body.count, by: 65_535) {
            bytes += record(type: 5, content: Array(body[start..<min(start + 65_535, body.count)]))
        }
        bytes += record(type: 5, content: [])
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw Failure(description: "write failed (\(errno))") }
    }

    /// Reads records up to FCGI_END_REQUEST; throws if the connection ends (or times out) before it.
    func readResponse() throws -> String {
        var stdout: [UInt8] = []
        while true {
            let header = try readExactly(8)
            let length = Int(header[4]) << 8 | Int(header[5])
            let content = try readExactly(length + Int(header[6]))
            switch header[1] {
            case 6: stdout += content.prefix(length)
            case 3: return String(decoding: stdout, as: UTF8.self)
            default: continue
            }
        }
    }

    /// True when the responder has closed the connection (a read returns end of file).
    func isClosedByResponder() -> Bool {
        var byte: UInt8 = 0
        return recv(descriptor, &byte, 1, 0) == 0
    }

    private func record(type: UInt8, content: [UInt8]) -> [UInt8] {
        [1, type, 0, 1, UInt8(content.count >> 8), UInt8(content.count & 0xFF), 0, 0] + content
    }

    private func readExactly(_ count: Int) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        var offset = 0
        while offset < count {
            let received = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress! + offset, count - offset, 0) }
            guard received > 0 else {
                throw Failure(description: received == 0 ? "connection closed by the responder" : "no answer (\(errno))")
            }
            offset += received
        }
        return buffer
    }
}
