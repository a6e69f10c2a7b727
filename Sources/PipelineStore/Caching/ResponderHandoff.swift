import Postgres

/// Hands the read cache of one responder socket from an old process to its replacement without a moment in which
/// both answer and one of them from a cache.
///
/// A cache lags the database by the notification latency, a database read does not; a poller whose requests
/// alternate between two processes could otherwise see a newer state from one and then an older one from the
/// other's cache. So, per group (the host and socket path both processes serve):
/// * only the holder of the group's session-level advisory lock serves from its cache (the lock goes with the
///   holder's listening connection, i.e. at its exit at the latest);
/// * a starting process that cannot take the lock announces itself (`request`) before it binds the socket; every
///   other process of the group retires its cache for good (it is being replaced) and says so (`retired`), and the
///   new one binds only then (or after a timeout);
/// * until it holds the lock, the new process answers from the database, as the old one does while it drains:
///   two database readers are consistent for any poller. The lock is free once the old process has exited.
///
/// Lives on the listener's thread with the listener's connection (not `Sendable`).
final class ResponderHandoff {
    enum Event {
        /// Another process takes over this group: retire the cache and acknowledge.
        case replacementStarting
        /// A process of this group has retired its cache after this one's request.
        case predecessorRetired
    }

    static let channel = "dp_cache_handoff"
    private let group: String
    private let connection: PostgresConnection
    private(set) var isOwner = false

    init(group: String, connection: PostgresConnection) {
        self.group = group
        self.connection = connection
    }

    /// LISTENs, takes the lock if it is free, and otherwise (with `announce`: the process's first connection, not
    /// a reconnect, and not a retired process) announces this process as the replacement.
    func begin(announce: Bool) throws {
        try connection.execute(PostgresQuery("LISTEN dp_cache_handoff"))
        if try tryAcquire() || !announce { return }
        try send("request")
    }

    /// Takes the group's lock if it is free now; true once held.
    func tryAcquire() throws -> Bool {
        guard !isOwner else { return true }
        isOwner = try connection.query(PostgresQuery(
            "SELECT pg_try_advisory_lock(4242, hashtext($1)) AS taken", [group])).first?.bool("taken") ?? false
        return isOwner
    }

    /// What a notification on the handoff channel means for this process, if anything.
    func event(for notification: PostgresNotification) -> Event? {
        guard notification.channel == Self.channel, notification.senderPID != connection.backendPID else { return nil }
        switch notification.payload {
        case "request " + group: return .replacementStarting
        case "retired " + group: return .predecessorRetired
        default: return nil
        }
    }

    func announceRetired() throws {
        try send("retired")
    }

    private func send(_ kind: String) throws {
        try connection.execute(PostgresQuery("SELECT pg_notify($1, $2)", [Self.channel, kind + " " + group]))
    }
}
