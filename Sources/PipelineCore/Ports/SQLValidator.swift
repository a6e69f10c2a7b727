/// The verdict on one SQL: valid, or invalid with a reason a person can act on.
public struct SQLVerdict: Sendable, Equatable {
    public var isValid: Bool
    /// Why the SQL is invalid (`ReadOnlySQL`'s Chinese reason, or the database's message without secrets).
    public var error: String?
    /// Seconds spent on this SQL, retries included.
    public var duration: Double
    /// Attempts repeated after a connection-level failure.
    public var retries: Int

    public init(isValid: Bool, error: String? = nil, duration: Double = 0, retries: Int = 0) {
        self.isValid = isValid
        self.error = error
        self.duration = duration
        self.retries = retries
    }
}

/// Checks question–SQL pairs against a business database without changing it (ARCHITECTURE.md §6, FORMATS.md §4).
///
/// A SQL passes only if `ReadOnlySQL` accepts it and `EXPLAIN` plans it inside a `READ ONLY` transaction with a
/// statement timeout, which is always rolled back. Safe to call from several threads (a small connection pool).
public protocol SQLValidator: AnyObject, SQLExecutor {
    /// Throws only when the database cannot be reached at all; a bad SQL is an invalid verdict, never an error.
    func validate(_ sql: String) throws -> SQLVerdict
    /// Closes the pool's connections.
    func close()
}

/// What running a query read-only gave (step 3's execution check): its first rows, a timeout, or an error.
public enum SQLExecution: Sendable, Equatable {
    /// The first rows of the result (at most the row cap the caller asked for).
    case rows(SQLResultSample)
    /// The statement timeout stopped it; the text says which timeout.
    case timeout(String)
    /// The gate or the server refused it; the reason as `validate` would give it.
    case failed(String)
}

/// The first rows of a result as text (`nil` for SQL NULL), in the server's text format.
public struct SQLResultSample: Sendable, Equatable {
    public var columns: [String]
    public var rows: [[String?]]
    /// True when the query had more rows than the cap: `rows` is a prefix of the result.
    public var capped: Bool

    public init(columns: [String], rows: [[String?]], capped: Bool = false) {
        self.columns = columns
        self.rows = rows
        self.capped = capped
    }
}

/// Runs a query for real without changing anything: the same gate and rolled-back `READ ONLY` transaction with a
/// statement timeout as `SQLValidator.validate`, the query wrapped as a subquery under an outer `LIMIT`.
public protocol SQLExecutor: Sendable {
    /// At most `rowLimit` rows of `sql`'s result. Throws only when the database cannot be reached at all.
    func execute(_ sql: String, rowLimit: Int) throws -> SQLExecution
}
