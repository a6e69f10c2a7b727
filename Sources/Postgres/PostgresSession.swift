/// A lazily connected, self-healing connection for one thread (e.g. one FastCGI worker thread).
/// Not `Sendable`: create it on the thread that uses it.
public final class PostgresSession {
    private let url: String
    private let applicationName: String
    private var connection: PostgresConnection?

    /// Stores the parameters; nothing connects until `withConnection` is first called.
    public init(url: String, applicationName: String = "dp") {
        self.url = url
        self.applicationName = applicationName
    }

    /// Runs `body` on the session's connection, connecting on first use and resetting a connection libpq knows is
    /// bad. If `body` throws a connection failure (`PostgresError.isConnectionFailure`) on a connection that had
    /// been used before — a server restart leaves it stale without `PQstatus` noticing — the connection is reset,
    /// and `body` runs once more only when the caller declared it `idempotent`: after a lost connection nobody
    /// knows whether a write committed, so a second run must come to the same result (reads, one transaction that
    /// checks what it changes, a write keyed by an id chosen before the first attempt). Other bodies fail with the
    /// connection error and the caller answers 503.
    /// If connecting fails, throws the `PostgresError` (kind `.connection`): answer 503.
    public func withConnection<T>(idempotent: Bool, _ body: (PostgresConnection) throws -> T) throws -> T {
        let (connection, isFresh) = try usableConnection()
        do {
            let result = try body(connection)
            if let fault = afterFirstAttempt {
                afterFirstAttempt = nil
                try fault(connection)
            }
            return result
        } catch let error as PostgresError where error.isConnectionFailure && !isFresh {
            try reconnect(connection)
            guard idempotent else { throw error }
            return try body(connection)
        }
    }

    /// Test hook: runs once after the next successful `body`, inside the retry decision — a test kills the
    /// connection here to play a commit whose answer was lost.
    public var afterFirstAttempt: ((PostgresConnection) throws -> Void)?

    /// Closes the connection; the next `withConnection` connects again.
    public func close() {
        connection = nil
    }

    /// The connection, and whether it was (re)established just now.
    private func usableConnection() throws(PostgresError) -> (PostgresConnection, Bool) {
        if let connection {
            guard connection.isBad else { return (connection, false) }
            try reconnect(connection)
            return (connection, true)
        }
        let fresh = try PostgresConnection(url: url, applicationName: applicationName)
        connection = fresh
        return (fresh, true)
    }

    private func reconnect(_ connection: PostgresConnection) throws(PostgresError) {
        do {
            try connection.reset()
        } catch {
            // Drop it: the next call starts from scratch rather than resetting a half-configured connection.
            self.connection = nil
            throw error
        }
    }
}
