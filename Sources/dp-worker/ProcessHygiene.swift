import Foundation

/// What a detached child must undo first thing (STACK-NOTES "Child processes"): it inherits the launching thread's
/// blocked-signal mask and ignored dispositions, and any descriptor the parent did not mark close-on-exec.
enum ProcessHygiene {
    /// Unblocks every signal and restores default dispositions, so `kill -TERM` works again.
    static func resetSignals() {
        var empty = sigset_t()
        sigemptyset(&empty)
        pthread_sigmask(SIG_SETMASK, &empty, nil)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGPIPE, SIGQUIT, SIGUSR1, SIGUSR2, SIGCHLD] {
            Foundation.signal(signal, SIG_DFL)
        }
    }

    /// Closes every descriptor above stderr (the responder's sockets, Foundation's termination pipe).
    static func closeInheritedDescriptors() {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return }
        for descriptor in entries.compactMap({ Int32($0) }) where descriptor > 2 {
            close(descriptor)
        }
    }

    /// Blocks the termination signals in this thread (and threads it starts) and turns them into a callback on a
    /// dedicated `sigwait` thread: the run stops between units of work instead of dying mid-write.
    static func onTerminationSignal(_ handler: @escaping @Sendable (Int32) -> Void) {
        var signals = sigset_t()
        sigemptyset(&signals)
        for signal in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&signals, signal) }
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        let waited = signals
        let thread = Thread {
            var set = waited
            var received: Int32 = 0
            while sigwait(&set, &received) == 0 {
                handler(received)
            }
        }
        thread.start()
    }
}
