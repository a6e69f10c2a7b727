import Postgres

/// A pooled connection whose every statement is counted; the only way introspection code talks to the database.
final class CountedConnection {
    private let connection: PostgresConnection
    private let counter: StatementCounter

    init(_ connection: PostgresConnection, counter: StatementCounter) {
        self.connection = connection
        self.counter = counter
    }

    /// Sends one statement (counted even when it fails: it reached the server).
    @discardableResult
    func query(_ query: PostgresQuery) throws(PostgresError) -> PostgresRows {
        counter.add()
        return try connection.query(query)
    }

    /// Whether a transaction (possibly failed) is open on the connection.
    var isInTransaction: Bool {
        connection.transactionStatus == .inTransaction || connection.transactionStatus == .inError
    }
}
