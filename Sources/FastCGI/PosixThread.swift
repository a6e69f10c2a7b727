import Glibc

/// A plain pthread: the accept loops block in libfcgi and must never occupy Swift concurrency's cooperative pool.
struct PosixThread {
    private final class Body {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    let id: pthread_t

    /// Starts `body` on a new thread, which inherits the caller's signal mask.
    static func start(_ body: @escaping @Sendable () -> Void) throws(FastCGIError) -> PosixThread {
        let context = Unmanaged.passRetained(Body(body)).toOpaque()
        var id = pthread_t()
        let result = pthread_create(&id, nil, { context in
            Unmanaged<Body>.fromOpaque(context!).takeRetainedValue().run()
            return nil
        }, context)
        guard result == 0 else {
            Unmanaged<Body>.fromOpaque(context).release()
            throw FastCGIError(.threadStartFailed, "cannot start a server thread: \(FastCGIError.reason(result))")
        }
        return PosixThread(id: id)
    }

    /// Waits for the thread to finish.
    func join() {
        pthread_join(id, nil)
    }

    /// Sends `signal` to this thread only (it must not have finished being joined yet).
    func send(_ signal: Int32) {
        pthread_kill(id, signal)
    }
}
