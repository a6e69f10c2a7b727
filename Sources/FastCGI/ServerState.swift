import CFastCGI
import Glibc

/// What `run()`, `stop()`, the signal thread and the accept threads share; every access holds one mutex.
///
/// The listening socket is shut down and closed only while the state owns it and no thread is inside
/// `FCGX_Accept_r`, so no thread can ever accept on a descriptor number that was closed and reused.
final class ServerState: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var started = false
    private var stopRequested = false
    private var listener: ListeningSocket?
    /// Threads currently inside `FCGX_Accept_r`.
    private var acceptingThreads = 0

    init() {
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

    /// Hands the listening socket over; if a stop came in while starting, it takes effect now.
    func attach(_ socket: ListeningSocket) {
        locked {
            listener = socket
            if stopRequested { stopListening() }
        }
    }

    /// Called before `FCGX_Accept_r`; false once stopping, and the thread must then leave its loop.
    func enterAccept() -> Bool {
        locked {
            guard !stopRequested else { return false }
            acceptingThreads += 1
            return true
        }
    }

    /// Called when `FCGX_Accept_r` returns.
    func leaveAccept() {
        locked {
            acceptingThreads -= 1
            if stopRequested { stopListening() }
        }
    }

    /// Marks the server stopping and wakes the accept threads; returns false if it was already stopping.
    ///
    /// `processIsTerminating` also sets libfcgi's shutdown flag (`FCGX_ShutdownPending`), the documented recipe
    /// for a signal. That flag is process-wide and permanent: every later `FCGX_Accept_r` in the process fails at
    /// once (measured: a second server then never accepts), so `stop()` relies on shutting the socket down alone.
    @discardableResult
    func requestStop(processIsTerminating: Bool = false) -> Bool {
        locked {
            guard !stopRequested else { return false }
            if processIsTerminating { FCGX_ShutdownPending() }
            stopRequested = true
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

    /// Shuts the listening socket down so blocked `accept` calls fail (EINVAL) and `FCGX_Accept_r` returns < 0; once no
    /// thread is inside `FCGX_Accept_r`, closes it, which resets connections still queued in the backlog at
    /// once (the web server answers 502 now instead of after the longest in-flight request).
    private func stopListening() {
        guard let listener else { return }
        shutdown(listener.descriptor, Int32(SHUT_RDWR))
        if acceptingThreads == 0 {
            listener.close()
            self.listener = nil
        }
    }

    private func locked<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return body()
    }
}
