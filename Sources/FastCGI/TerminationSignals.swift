import Glibc

/// Blocks SIGTERM, SIGINT and SIGHUP so that only the server's `sigwait` thread receives them.
public enum TerminationSignals {
    /// Blocks SIGTERM, SIGINT and SIGHUP in the calling thread (`pthread_sigmask`).
    ///
    /// Call first thing in `main()`, before any other thread exists: threads inherit the mask, and a process-directed
    /// signal delivered to a thread that does not block it would run the default action (terminate) instead.
    public static func blockInCurrentThread() {
        var signals = set()
        pthread_sigmask(SIG_BLOCK, &signals, nil)
    }

    /// The signals that ask the server to stop.
    static func set() -> sigset_t {
        var signals = sigset_t()
        sigemptyset(&signals)
        for signal in [SIGTERM, SIGINT, SIGHUP] {
            sigaddset(&signals, signal)
        }
        return signals
    }

    /// Waits (in the calling thread, which must block them) until one of the termination signals is pending.
    static func wait() -> Int32 {
        var signals = set()
        var received: Int32 = 0
        // sigwait does not fail with EINTR, but loop anyway rather than report a signal that never came.
        while sigwait(&signals, &received) != 0 {}
        return received
    }

    /// Ignores SIGPIPE process-wide, so a write to a client that hung up fails with EPIPE instead of killing us.
    ///
    /// Done before `FCGX_Init`, which otherwise installs its own SIGPIPE handler when the disposition is default.
    static func ignoreBrokenPipe() {
        signal(SIGPIPE, SIG_IGN)
    }
}
