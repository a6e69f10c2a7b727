import Postgres

/// Bounded reads of business data on one connection: each inside `BEGIN READ ONLY` with a transaction-local
/// `statement_timeout`, and the transaction always rolled back.
///
/// A read that the server rejects (timeout 57014, permission 42501, a view that fails, …) yields nil instead of
/// failing the step: the table is then documented with what the other reads found. Only a lost connection is
/// rethrown. After a rejected read the aborted transaction is rolled back and the next read opens a new one.
final class ReadOnlyReader {
    private let connection: CountedConnection
    private let timeoutMilliseconds: Int
    private var isOpen = false

    init(connection: CountedConnection, timeoutMilliseconds: Int) {
        self.connection = connection
        self.timeoutMilliseconds = max(1, timeoutMilliseconds)
    }

    /// The body's result, or nil when the server rejected one of its statements.
    func read<T>(_ body: (CountedConnection) throws -> T) throws(PostgresError) -> T? {
        do {
            if !isOpen {
                isOpen = true
                try connection.beginReadOnly(timeoutMilliseconds: timeoutMilliseconds)
            }
            return try body(connection)
        } catch let error as PostgresError {
            if error.isConnectionFailure { throw error }
            if error.kind == .query { rollback() }
            return nil
        } catch {
            // Only PostgresError is thrown by the bodies; anything else is treated like a rejected read.
            return nil
        }
    }

    /// Ends the open transaction, if any (ROLLBACK: nothing was meant to change).
    func finish() {
        rollback()
    }

    private func rollback() {
        guard isOpen || connection.isInTransaction else { return }
        connection.rollbackIfOpen()
        isOpen = false
    }
}
