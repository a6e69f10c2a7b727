import Postgres

/// Bounded reads of business data on one introspection connection.
///
/// The connection was opened read-only with the session's `statement_timeout` and `standard_conforming_strings`
/// (`IntrospectionSession.startupOptions`: settings once per session, no statement per table). A read that the
/// server rejects (timeout 57014, permission 42501, a view that fails, …) yields nil instead of failing the step:
/// the table is then documented with what the other reads found. Only a lost connection is rethrown. A caller
/// that wants another timeout than the session's gets it set for its reads and the session's restored after.
final class ReadOnlyReader {
    private let connection: CountedConnection
    private let timeoutMilliseconds: Int
    private let sessionTimeoutMilliseconds: Int
    private var timeoutChanged = false

    init(connection: CountedConnection, timeoutMilliseconds: Int, sessionTimeoutMilliseconds: Int) {
        self.connection = connection
        self.timeoutMilliseconds = max(1, timeoutMilliseconds)
        self.sessionTimeoutMilliseconds = sessionTimeoutMilliseconds
    }

    /// The body's result, or nil when the server rejected one of its statements.
    func read<T>(_ body: (CountedConnection) throws -> T) throws(PostgresError) -> T? {
        do {
            if timeoutMilliseconds != sessionTimeoutMilliseconds, !timeoutChanged {
                timeoutChanged = true
                try setTimeout(timeoutMilliseconds)
            }
            return try body(connection)
        } catch let error as PostgresError {
            if error.isConnectionFailure { throw error }
            return nil
        } catch {
            // Only PostgresError is thrown by the bodies; anything else is treated like a rejected read.
            return nil
        }
    }

    /// Restores the session's timeout if a read changed it.
    func finish() {
        guard timeoutChanged else { return }
        try? setTimeout(sessionTimeoutMilliseconds)
        timeoutChanged = false
    }

    private func setTimeout(_ milliseconds: Int) throws(PostgresError) {
        try connection.query(PostgresQuery("SELECT set_config('statement_timeout', $1, false)", ["\(max(1, milliseconds))ms"]))
    }
}

/// The session settings of every introspection connection, sent with the connection request.
enum IntrospectionSession {
    static func startupOptions(timeoutMilliseconds: Int) -> String {
        "-c default_transaction_read_only=on -c statement_timeout=\(max(1, timeoutMilliseconds)) -c standard_conforming_strings=on"
    }
}
