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
public protocol SQLValidator: AnyObject, Sendable {
    /// Throws only when the database cannot be reached at all; a bad SQL is an invalid verdict, never an error.
    func validate(_ sql: String) throws -> SQLVerdict
    /// Closes the pool's connections.
    func close()
}
