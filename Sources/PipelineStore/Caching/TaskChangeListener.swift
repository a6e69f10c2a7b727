import Foundation
import PipelineCore
import Postgres

/// Listens for `dp_task_changed` notifications on a dedicated connection and invalidates the read cache.
/// While it is not connected the cache is disabled, so a lost connection can cost speed, never correctness.
public final class TaskChangeListener: @unchecked Sendable {
    private let url: String
    private let cache: TaskReadCache
    private let onStateChange: @Sendable (_ connected: Bool, _ detail: String) -> Void

    public init(url: String, cache: TaskReadCache,
                onStateChange: @escaping @Sendable (_ connected: Bool, _ detail: String) -> Void = { _, _ in }) {
        self.url = url
        self.cache = cache
        self.onStateChange = onStateChange
    }

    /// Starts the listening thread; it runs until `stop()` or the process exits.
    public func start() {
        let thread = Thread { [self] in run() }
        thread.name = "dp-task-listener"
        thread.start()
    }

    /// Asks the thread to end after its current wait (at most a second).
    public func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
    }

    private let lock = NSLock()
    private var stopped = false
    /// Touched only by the listening thread.
    private var connected = false

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    private func run() {
        while !isStopped {
            do {
                try listenUntilFailure()
            } catch {
                cache.setEnabled(false)
                // Report the loss once, not every retry of an outage.
                if connected { onStateChange(false, "\(error)") }
                connected = false
                Thread.sleep(forTimeInterval: 1)
            }
        }
        cache.setEnabled(false)
    }

    /// One connection's life: LISTEN, then invalidate on every notification until the connection fails.
    private func listenUntilFailure() throws {
        let connection = try PostgresConnection(url: url, applicationName: "dp-fcgi-listener")
        try connection.execute(PostgresQuery("LISTEN dp_task_changed"))
        // From here on every change is heard: entries cached from now on can be trusted.
        cache.setEnabled(true)
        connected = true
        onStateChange(true, "listening")
        while !isStopped {
            let notifications = try connection.waitForNotifications(timeoutMilliseconds: 1000)
            for notification in notifications {
                if let id = TaskID(notification.payload) { cache.invalidate(id) }
            }
        }
    }
}
