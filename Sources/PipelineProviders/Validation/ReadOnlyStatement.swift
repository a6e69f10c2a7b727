import Postgres

/// One untrusted statement on a pooled connection: `BEGIN READ ONLY` with a statement timeout, the statement
/// through `PQexecParams` (one statement only), a check that it left the transaction open, and always `ROLLBACK`.
enum ReadOnlyStatement {
    /// How the statement ended; a lost connection is thrown instead.
    enum Outcome {
        case completed(PostgresRows)
        /// The server refused it (syntax, unknown column, read-only violation, timeout, …).
        case rejected(PostgresError)
        /// Afterwards no transaction was open: the text ended the read-only transaction, so it must not pass,
        /// whatever it returned. `PQexecParams` makes this unreachable today; the check keeps it that way.
        case leftTransaction
    }

    static func run(
        _ query: PostgresQuery, on connection: CountedConnection, timeoutMilliseconds: Int
    ) throws(PostgresError) -> Outcome {
        try connection.beginReadOnly(timeoutMilliseconds: timeoutMilliseconds)
        defer { connection.rollbackIfOpen() }
        let outcome: Outcome
        do {
            outcome = .completed(try connection.query(query))
        } catch where error.isConnectionFailure {
            throw error
        } catch {
            outcome = .rejected(error)
        }
        return connection.isInTransaction ? outcome : .leftTransaction
    }
}
