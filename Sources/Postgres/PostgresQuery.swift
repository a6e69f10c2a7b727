/// SQL text plus bound parameters.
///
/// The SQL must be a string literal (`StaticString`) so user input can only travel as a bound parameter (`$1`, `$2`…).
/// SQL built at run time has to say so with `unsafeSQL:`, as in PostgresNIO, so it stands out in review.
public struct PostgresQuery: Sendable {
    /// The SQL text sent to the server.
    public let sql: String
    /// The parameters for `$1`, `$2`…, in order; `nil` is sent as SQL `NULL`.
    public let binds: [(any PostgresBindable)?]

    /// A query whose SQL is a literal; every value goes in `binds`.
    public init(_ sql: StaticString, _ binds: [(any PostgresBindable)?] = []) {
        self.sql = sql.description
        self.binds = binds
    }

    /// A query whose SQL was built at run time. Identifiers in it must come from
    /// `PostgresConnection.quoteIdentifier(_:)`; values still belong in `binds`.
    public init(unsafeSQL sql: String, _ binds: [(any PostgresBindable)?] = []) {
        self.sql = sql
        self.binds = binds
    }
}
