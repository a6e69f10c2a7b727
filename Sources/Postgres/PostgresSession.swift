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
    /// been used before — a server restart leaves it stale without `PQstatus` noticing — the connection is reset and
    /// `body` runs once more, so `body` must be safe to repeat (one transaction, or reads).
    /// If connecting fails, throws the `PostgresError` (kind `.connection`): answer 503.
    public func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let (connection, isFresh) = try usableConnection()
        do {
            return try body(connection)
        } catch let error as PostgresError where error.isConnectionFailure && !isFresh {
            try reconnect(connection)
            return try body(connection)
        }
    }

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
