import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The fake server's TCP listening socket on 127.0.0.1.
final class FakeListeningSocket: @unchecked Sendable {
    /// A socket call failed.
    struct Failure: Error, CustomStringConvertible {
        var call: String
        var code: Int32
        var description: String { "\(call) failed: \(String(cString: strerror(code)))" }
    }

    private let descriptor: Int32
    private let lock = NSLock()
    private var closed = false
    /// The bound port (the kernel's choice when 0 was asked for).
    let port: UInt16

    /// Binds and listens on `127.0.0.1:port`.
    init(port: UInt16) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw Failure(call: "socket", code: errno) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 128) == 0 else {
            let code = errno
            close(fd)
            throw Failure(call: "bind/listen 127.0.0.1:\(port)", code: code)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        descriptor = fd
        self.port = UInt16(bigEndian: address.sin_port)
    }

    deinit {
        stopListening()
    }

    /// Closes the socket: new connections are refused from now on. Idempotent.
    func stopListening() {
        lock.withLock {
            guard !closed else { return }
            closed = true
            close(descriptor)
        }
    }

    /// The next connection, or nil after `timeoutMilliseconds` without one (so the caller can check for stop).
    func accept(timeoutMilliseconds: Int32) -> Int32? {
        var probe = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&probe, 1, timeoutMilliseconds) > 0 else { return nil }
        // accept4 is not visible from Swift's Glibc module; the flag is set right after (no exec happens here).
        let connection = Glibc.accept(descriptor, nil, nil)
        guard connection >= 0 else { return nil }
        _ = fcntl(connection, F_SETFD, FD_CLOEXEC)
        var yes: Int32 = 1
        setsockopt(connection, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
        return connection
    }
}
