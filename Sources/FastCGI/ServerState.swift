import CFastCGI
import Glibc

/// What `run()`, `stop()`, the signal thread and the server threads share; every access holds one mutex.
///
/// New connections are accepted only here, under the mutex, and only while the state still owns the listening
/// socket: so no thread can ever accept on a descriptor number that was closed and reused, and a stop can close the
/// socket at once.
final class ServerState: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var started = false
    private var stopRequested = false
    /// When the stop was asked for (CLOCK_MONOTONIC seconds).
    private var stopRequestedAt = 0.0
    private var listener: ListeningSocket?
    private var poller: ConnectionPoller?

    /// How long a stopping server still serves requests that arrive on kept-alive connections
    /// (`FastCGIServer.defaultKeptConnectionDrainSeconds`).
    private let keptConnectionDrainSeconds: Double

    init(keptConnectionDrainSeconds: Double) {
        self.keptConnectionDrainSeconds = keptConnectionDrainSeconds
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// True the first time only: a server runs once.
    func claimStart() -> Bool {
        locked {
            defer { started = true }
            return !started
        }
    }

    /// Whether a stop has been asked for.
    var isStopping: Bool {
        locked { stopRequested }
    }

    /// Whether a server thread goes on: always until a stop; then only while kept connections are left to drain
    /// and the drain time is not over.
    func shouldServe(hasKeptConnections: Bool) -> Bool {
        locked {
            guard stopRequested else { return true }
            return hasKeptConnections && Self.monotonicSeconds() - stopRequestedAt < keptConnectionDrainSeconds
        }
    }

    /// Hands the listening socket and its poller over; if a stop came in while starting, it takes effect now.
    func attach(_ socket: ListeningSocket, poller: ConnectionPoller) {
        locked {
            listener = socket
            self.poller = poller
            if stopRequested { stopListening() }
        }
    }

    /// Accepts one waiting connection (close-on-exec, blocking I/O): the descriptor, nil when none is waiting or
    /// the server is stopping, or the `errno` of a failed accept.
    func acceptConnection() -> Result<Int32, AcceptFailure>? {
        locked {
            guard !stopRequested, let listener else { return nil }
            // The listening socket is non-blocking (ConnectionPoller): a thread that lost the race returns here.
            let connection = accept(listener.descriptor, nil, nil)
            if connection >= 0 {
                // accept4(SOCK_CLOEXEC) needs _GNU_SOURCE, out of reach from Swift; a fork in another thread
                // before this line is covered by children closing their descriptors >= 3.
                _ = fcntl(connection, F_SETFD, FD_CLOEXEC)
                return .success(connection)
            }
            return errno == EAGAIN || errno == EINTR || errno == ECONNABORTED ? nil : .failure(AcceptFailure(errno))
        }
    }

    /// Why `accept` failed (EMFILE, ENOBUFS…).
    struct AcceptFailure: Error {
        let errorNumber: Int32
        init(_ errorNumber: Int32) { self.errorNumber = errorNumber }
    }

    /// Marks the server stopping and stops listening; returns false if it was already stopping.
    ///
    /// `processIsTerminating` also sets libfcgi's shutdown flag (`FCGX_ShutdownPending`), the documented recipe
    /// for a signal. That flag is process-wide and permanent: libfcgi's own accept fails at once from then on
    /// (measured: a second server then never accepted), so `stop()` does not set it. The threads here never use
    /// libfcgi's accept; connections come from `acceptConnection`.
    @discardableResult
    func requestStop(processIsTerminating: Bool = false) -> Bool {
        locked {
            guard !stopRequested else { return false }
            if processIsTerminating { FCGX_ShutdownPending() }
            stopRequested = true
            stopRequestedAt = Self.monotonicSeconds()
            stopListening()
            return true
        }
    }

    /// Closes the listening socket (and removes its file if still ours) unless that already happened.
    func closeListener() {
        locked {
            listener?.close()
            listener = nil
        }
    }

    /// Takes the listening socket out of the poller's set and closes it, which resets connections still queued in
    /// its backlog at once (the web server answers 502 now instead of after the longest in-flight request).
    private func stopListening() {
        guard let listener else { return }
        // Out of the epoll set while the descriptor is still ours: a closed descriptor's number can be reused.
        poller?.stopWatchingListener()
        listener.close()
        self.listener = nil
    }

    private static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    private func locked<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return body()
    }
}
