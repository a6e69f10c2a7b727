import Glibc

/// The server's listening socket: its descriptor and, when we bound it, the identity of the socket file we created.
///
/// Owned by `FastCGIServer.run()` only; the accept threads receive the plain descriptor.
final class ListeningSocket {
    let descriptor: Int32
    /// The path and (device, inode) of the socket file we bound; nil for an inherited socket.
    private let boundFile: (path: String, device: UInt64, inode: UInt64)?
    private var isClosed = false

    private init(descriptor: Int32, boundFile: (path: String, device: UInt64, inode: UInt64)?) {
        self.descriptor = descriptor
        self.boundFile = boundFile
    }

    deinit { close() }

    static func open(_ source: FastCGIListenSource) throws(FastCGIError) -> ListeningSocket {
        switch source {
        case let .unixSocket(path, mode, backlog):
            return try bind(path: path, mode: mode, backlog: backlog)
        case .inheritedStandardInput:
            return try inherit()
        }
    }

    /// Closes the descriptor and removes the socket file, but only if the path still names the file we bound.
    ///
    /// A newer instance may own the path by now; removing its socket would take it offline. The check and the
    /// unlink hold the path's lock (`SocketPathLock`), which a newer instance holds while it renames its socket
    /// into place, so its rename cannot fall between them.
    func close() {
        guard !isClosed else { return }
        isClosed = true
        _ = Glibc.close(descriptor)
        guard let boundFile else { return }
        let lock = SocketPathLock(socketPath: boundFile.path)
        defer { lock.release() }
        guard let current = Self.identity(of: boundFile.path),
              current.device == boundFile.device, current.inode == boundFile.inode else { return }
        unlink(boundFile.path)
    }

    private static func bind(path: String, mode: UInt16, backlog: Int32) throws(FastCGIError) -> ListeningSocket {
        // Bound under a temporary name and renamed over `path` (below); sun_path holds 107 bytes + terminator.
        let temporaryPath = path + ".\(getpid()).new"
        guard !path.isEmpty, !path.utf8.contains(0), temporaryPath.utf8.count < 108 else {
            throw FastCGIError(.invalidConfiguration,
                               "FastCGI socket path '\(path)' must be non-empty and under 96 bytes")
        }
        guard backlog > 0 else {
            throw FastCGIError(.invalidConfiguration, "FastCGI socket backlog must be positive, got \(backlog)")
        }
        // The rename replaces whatever is at the path; never let it replace a regular file or directory.
        var existing = stat()
        if lstat(path, &existing) == 0, existing.st_mode & S_IFMT != S_IFSOCK {
            throw FastCGIError(.socketUnavailable,
                               "cannot open FastCGI socket at \(path): the path exists and is not a socket")
        }
        let descriptor = try listen(temporaryPath, mode: mode, backlog: backlog)
        let lock = SocketPathLock(socketPath: path)
        defer { lock.release() }
        // Binding `path` directly (as FCGX_OpenSocket does) would unlink an old instance's socket first, leaving a
        // window in which connects fail with ENOENT, then EACCES until the chmod. rename() swaps the path
        // atomically: every connect reaches either the old instance or this one, fully set up.
        guard rename(temporaryPath, path) == 0 else {
            let reason = FastCGIError.reason(errno)
            abandon(descriptor, temporaryPath)
            throw FastCGIError(.socketUnavailable, "cannot move FastCGI socket into place at \(path): \(reason)")
        }
        guard let bound = identity(of: path) else {
            let reason = FastCGIError.reason(errno)
            _ = Glibc.close(descriptor)
            throw FastCGIError(.socketUnavailable, "cannot stat FastCGI socket at \(path) after binding: \(reason)")
        }
        return ListeningSocket(descriptor: descriptor, boundFile: (path, bound.device, bound.inode))
    }

    /// socket + bind + chmod + listen, as `FCGX_OpenSocket` does, except that it reports failure instead of
    /// calling `exit(errno)` (libfcgi's reaction to a failed bind) and sets close-on-exec atomically.
    private static func listen(_ path: String, mode: UInt16, backlog: Int32) throws(FastCGIError) -> Int32 {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { sunPath in
            sunPath.copyBytes(from: path.utf8)  // the caller checked the length; the zeroed rest terminates it
        }
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else {
            throw FastCGIError(.socketUnavailable, "cannot create FastCGI socket: \(FastCGIError.reason(errno))")
        }
        unlink(path)  // a leftover of a crashed start with the same pid
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0 else {
            let reason = FastCGIError.reason(errno)
            _ = Glibc.close(descriptor)
            throw FastCGIError(.socketUnavailable, "cannot bind FastCGI socket at \(path): \(reason)")
        }
        // The umask decided the mode at bind time; the web server's user must be able to connect. Set before
        // listen(), so no connection is ever accepted under the wrong mode.
        guard chmod(path, mode_t(mode)) == 0, Glibc.listen(descriptor, backlog) == 0 else {
            let reason = FastCGIError.reason(errno)
            abandon(descriptor, path)
            throw FastCGIError(.socketUnavailable, "cannot set up FastCGI socket at \(path): \(reason)")
        }
        return descriptor
    }

    private static func abandon(_ descriptor: Int32, _ temporaryPath: String) {
        _ = Glibc.close(descriptor)
        unlink(temporaryPath)
    }

    private static func inherit() throws(FastCGIError) -> ListeningSocket {
        var accepting: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(0, SOL_SOCKET, SO_ACCEPTCONN, &accepting, &length) == 0, accepting != 0 else {
            throw FastCGIError(.socketUnavailable,
                               "standard input is not a listening socket (start under spawn-fcgi or socket activation)")
        }
        // Move the socket off fd 0 onto a close-on-exec descriptor, and give fd 0 to /dev/null, so children
        // launched later inherit neither the socket nor a socket as their standard input.
        let descriptor = fcntl(0, F_DUPFD_CLOEXEC, 3)
        guard descriptor >= 0 else {
            throw FastCGIError(.socketUnavailable,
                               "cannot duplicate the inherited FastCGI socket: \(FastCGIError.reason(errno))")
        }
        let null = Glibc.open("/dev/null", O_RDWR)
        if null >= 0 {
            dup2(null, 0)
            if null != 0 { _ = Glibc.close(null) }
        }
        return ListeningSocket(descriptor: descriptor, boundFile: nil)
    }

    private static func identity(of path: String) -> (device: UInt64, inode: UInt64)? {
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFSOCK else { return nil }
        return (UInt64(status.st_dev), UInt64(status.st_ino))
    }
}
