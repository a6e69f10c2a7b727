import Glibc

/// An exclusive `flock` on `<socket path>.lock`, held while an instance renames its socket into place and while
/// an exiting instance checks that the path is still its own and unlinks it: the two cannot interleave.
///
/// The lock file is never removed (removing a lock file lets two processes lock two different files). When it
/// cannot be opened (a read-only directory), the operation goes ahead unlocked, as before the lock existed.
struct SocketPathLock {
    private let descriptor: Int32

    init(socketPath: String) {
        descriptor = open(socketPath + ".lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        while flock(descriptor, LOCK_EX) != 0, errno == EINTR {}
    }

    func release() {
        guard descriptor >= 0 else { return }
        _ = Glibc.close(descriptor)  // closing releases the flock
    }
}
