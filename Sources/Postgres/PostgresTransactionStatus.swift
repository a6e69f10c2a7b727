/// Where a connection stands with respect to transactions (libpq's `PQtransactionStatus`).
public enum PostgresTransactionStatus: Sendable {
    /// No transaction open.
    case idle
    /// A command is in progress.
    case active
    /// Inside a valid transaction block.
    case inTransaction
    /// Inside a failed transaction block: only `ROLLBACK` will be accepted.
    case inError
    /// The connection is bad.
    case unknown
}
