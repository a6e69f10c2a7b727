import Postgres

/// A pooled connection whose every statement is counted; the only way introspection and validation code talks to
/// the business database.
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

    /// Opens `BEGIN READ ONLY` with a transaction-local `statement_timeout` (at least 1 ms: 0 would mean none) and
    /// `standard_conforming_strings = on`, so that a backslash in a plain `'…'` string is an ordinary character,
    /// as `ReadOnlySQL`'s lexer assumes, whatever the database's default is. Two statements.
    func beginReadOnly(timeoutMilliseconds: Int) throws(PostgresError) {
        try query(PostgresQuery("BEGIN READ ONLY"))
        // SET cannot take a bound parameter; set_config(…, true) is the transaction-local SET LOCAL.
        try query(PostgresQuery(
            "SELECT set_config('statement_timeout', $1, true), set_config('standard_conforming_strings', 'on', true)",
            ["\(max(1, timeoutMilliseconds))ms"]
        ))
    }

    /// ROLLBACK when a transaction is open. Its own failure is not interesting: a connection left broken or in a
    /// transaction is not taken back by the pool.
    func rollbackIfOpen() {
        guard isInTransaction else { return }
        _ = try? query(PostgresQuery("ROLLBACK"))
    }
}

extension PostgresConnectionPool {
    /// `withConnection` with every statement `body` sends counted (the benchmark's statements-per-table figure).
    func withConnection<T>(counting counter: StatementCounter, retries: Int = 0, onRetry: () -> Void = {},
                           _ body: (CountedConnection) throws -> T) throws -> T {
        try withConnection(retries: retries, onRetry: onRetry) { try body(CountedConnection($0, counter: counter)) }
    }
}
