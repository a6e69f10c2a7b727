import Foundation
import PipelineCore
import Postgres

/// Wakes this host's dispatcher (issue 16): on `dp_execution_queued` (an execution was queued anywhere), on
/// `dp_task_changed` (a run may have ended and freed a slot), and every `sweepInterval` seconds whatever it heard
/// (the fallback for a notification lost with a connection, and the time for liveness sweeps); every 50 ms while
/// a slot is held by a worker that has ended its run but not exited yet. Listens on a
/// connection of its own and hands `wake` a task store on a second one, on this one thread.
public final class ExecutionQueueListener: @unchecked Sendable {
    public enum Reason: Sendable, Equatable {
        case notified
        case sweep
    }

    /// How soon a round runs again when a slot waits for an exiting worker.
    static let retryInterval: TimeInterval = 0.05

    private let url: String
    private let sweepInterval: TimeInterval
    private let store: PostgresTaskStore
    /// Answers true when it should run again soon (a slot is held by a worker that is exiting).
    private let wake: (Reason, PostgresTaskStore) throws -> Bool
    private let onError: @Sendable (String) -> Void

    public init(url: String, secrets: ConnectionSecretBox, sweepInterval: TimeInterval,
                wake: @escaping (Reason, PostgresTaskStore) throws -> Bool,
                onError: @escaping @Sendable (String) -> Void = { _ in }) {
        self.url = url
        self.sweepInterval = sweepInterval
        store = StateDatabase.taskStore(url: url, applicationName: "dp-fcgi-queue", secrets: secrets)
        self.wake = wake
        self.onError = onError
    }

    /// Starts the thread; it runs until the process exits.
    public func start() {
        let thread = Thread { [self] in run() }
        thread.name = "dp-execution-queue"
        thread.start()
    }

    private func run() {
        var lastSweep = Date.distantPast
        while true {
            do {
                try listenUntilFailure(lastSweep: &lastSweep)
            } catch {
                onError("\(error)")
                Thread.sleep(forTimeInterval: 1)
            }
        }
    }

    /// One listening connection: rounds on notifications and sweeps until the connection fails (it throws then).
    /// A function of its own, not a loop nested in `run`'s: the optimizer of Swift 6.3 spent more than half an
    /// hour on the nested form in a release build.
    private func listenUntilFailure(lastSweep: inout Date) throws {
        let connection = try PostgresConnection(url: url, applicationName: "dp-fcgi-queue-listener",
                                                options: TaskChangeListener.keepaliveOptions)
        try connection.execute(PostgresQuery("LISTEN dp_execution_queued"))
        try connection.execute(PostgresQuery("LISTEN dp_task_changed"))
        // Whatever was queued while nobody listened is found by this first round.
        var again = try wakeSafely(.sweep)
        lastSweep = Date()
        while true {
            let untilSweep = max(0, sweepInterval - Date().timeIntervalSince(lastSweep))
            let waited = again ? min(untilSweep, Self.retryInterval) : untilSweep
            let heard = try connection.waitForNotifications(timeoutMilliseconds: Int32(waited * 1000) + 1)
            if Date().timeIntervalSince(lastSweep) >= sweepInterval {
                lastSweep = Date()
                again = try wakeSafely(.sweep)
            } else if !heard.isEmpty || again {
                again = try wakeSafely(.notified)
            }
        }
    }

    /// A failed round (the database went away) is reported; the listening connection decides whether to reconnect.
    private func wakeSafely(_ reason: Reason) throws -> Bool {
        do {
            return try wake(reason, store)
        } catch let error as PostgresError where error.isConnectionFailure {
            throw error
        } catch {
            onError("\(error)")
            return false
        }
    }
}
