import Foundation
import PipelineCore
import Postgres

/// Listens for `dp_task_changed` notifications on a dedicated connection and invalidates the read cache.
/// While it is not connected, or cannot prove its connection alive, the cache serves nothing, so a lost or
/// half-open connection can cost speed, never correctness.
public final class TaskChangeListener: @unchecked Sendable {
    /// TCP keepalives for the listening connection: a peer that vanished without a FIN/RST (half-open) fails the
    /// connection in about 10 s rather than the kernel's two hours. libpq ignores them on unix sockets.
    static let keepaliveOptions = [
        ("keepalives", "1"), ("keepalives_idle", "5"), ("keepalives_interval", "2"), ("keepalives_count", "2"),
        ("tcp_user_timeout", "10000"),
    ]
    /// The connection proves itself alive (`SELECT 1`) this often; the cache serves for `leaseSeconds` after a
    /// proof, so a stuck connection turns it off within seconds even before keepalives fail the connection.
    static let pingInterval: TimeInterval = 1
    static let leaseSeconds: TimeInterval = 3

    private let url: String
    private let cache: TaskReadCache
    private let handoffGroup: String?
    private let onStateChange: @Sendable (_ connected: Bool, _ detail: String) -> Void

    /// `handoffGroup` names what this process serves (host and socket path): replacements of the same group hand
    /// the cache over (`ResponderHandoff`); nil serves from the cache whenever the listener is connected.
    public init(url: String, cache: TaskReadCache, handoffGroup: String? = nil,
                onStateChange: @escaping @Sendable (_ connected: Bool, _ detail: String) -> Void = { _, _ in }) {
        self.url = url
        self.cache = cache
        self.handoffGroup = handoffGroup
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

    /// Waits until this process may start answering: its group's cache lock was free, or the process it replaces
    /// has retired its cache; false after `timeout` seconds (an old process that does not take part).
    public func awaitReady(timeout: TimeInterval) -> Bool {
        readiness.lock()
        defer { readiness.unlock() }
        let deadline = Date().addingTimeInterval(timeout)
        while !ready, readiness.wait(until: deadline) {}
        return ready
    }

    private let lock = NSLock()
    private var stopped = false
    private let readiness = NSCondition()
    private var ready = false
    /// Touched only by the listening thread.
    private var connected = false
    private var announced = false

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    private func markReady() {
        readiness.lock()
        ready = true
        readiness.broadcast()
        readiness.unlock()
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
        let connection = try PostgresConnection(url: url, applicationName: "dp-fcgi-listener",
                                                options: Self.keepaliveOptions)
        try connection.execute(PostgresQuery("LISTEN dp_task_changed"))
        // From here on every change is heard: entries cached from now on can be trusted.
        let handoff = handoffGroup.map { ResponderHandoff(group: $0, connection: connection) }
        // Only a starting process takes over; one that reconnects waits for the lock like any other.
        try handoff?.begin(announce: !announced && !cache.isRetired)
        announced = true
        var serving = false
        func serveIfOwner() {
            guard !serving, handoff?.isOwner ?? true else { return }
            markReady()
            guard !cache.isRetired else { return }
            serving = true
            cache.setEnabled(true)
            cache.renewLease(until: Date().addingTimeInterval(Self.leaseSeconds))
        }
        serveIfOwner()
        connected = true
        onStateChange(true, serving ? "listening; read cache on" : "listening; read cache off until the process this one replaces has exited")
        var lastPing = Date()
        while !isStopped {
            let notifications = try connection.waitForNotifications(timeoutMilliseconds: 1000)
            for notification in notifications {
                if notification.channel == "dp_task_changed" {
                    if let id = TaskID(notification.payload) { cache.invalidate(id) }
                    continue
                }
                switch handoff?.event(for: notification) {
                case .replacementStarting:
                    cache.retire()
                    try handoff?.announceRetired()
                    if serving { onStateChange(true, "a replacement is starting: read cache retired") }
                    serving = false
                case .predecessorRetired:
                    markReady()
                case nil:
                    break
                }
            }
            let now = Date()
            guard now.timeIntervalSince(lastPing) >= Self.pingInterval else { continue }
            _ = try connection.query(PostgresQuery("SELECT 1"))
            lastPing = now
            if let handoff, !handoff.isOwner, try handoff.tryAcquire() {
                serveIfOwner()
                if serving { onStateChange(true, "the replaced process has exited: read cache on") }
            }
            if serving { cache.renewLease(until: Date().addingTimeInterval(Self.leaseSeconds)) }
        }
    }
}
