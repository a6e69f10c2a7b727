extension PostgresConnection {
    /// Runs `body` between `BEGIN` and `COMMIT`. On any error the transaction is rolled back and the body's error
    /// is rethrown as is; if the connection broke, it is left for `reset()`.
    ///
    /// Throws a `.query` error with SQLSTATE `25001` when a transaction is already open (nesting would commit the
    /// outer one early), and `25P02` when the body swallowed a statement error: `COMMIT` of a failed transaction
    /// rolls back silently, which must not look like success.
    public func transaction<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        guard transactionStatus == .idle else {
            throw PostgresError(kind: .query, sqlState: "25001", message: "transaction() called inside an open transaction")
        }
        try execute(PostgresQuery("BEGIN"))
        let value: T
        do {
            value = try body(self)
        } catch {
            rollbackIfOpen()
            throw error
        }
        if transactionStatus == .inError {
            rollbackIfOpen()
            throw PostgresError(
                kind: .query, sqlState: "25P02", message: "a statement failed inside the transaction; rolled back"
            )
        }
        do {
            try execute(PostgresQuery("COMMIT"))
        } catch {
            rollbackIfOpen()
            throw error
        }
        return value
    }

    /// ROLLBACK, unless no transaction is open or the connection is broken; its own failure is not interesting
    /// (the original error is what the caller needs).
    private func rollbackIfOpen() {
        guard !isBad, transactionStatus == .inTransaction || transactionStatus == .inError else { return }
        _ = try? execute(PostgresQuery("ROLLBACK"))
    }
}
