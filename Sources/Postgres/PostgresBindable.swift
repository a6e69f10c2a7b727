import Foundation

/// A Swift value that can be sent as a text-format parameter.
public protocol PostgresBindable: Sendable {
    /// The value in PostgreSQL's text input format.
    var postgresText: String { get }
}

extension String: PostgresBindable {
    /// The string itself.
    public var postgresText: String { self }
}

extension Int: PostgresBindable {
    /// Decimal digits.
    public var postgresText: String { String(self) }
}

extension Int32: PostgresBindable {
    /// Decimal digits.
    public var postgresText: String { String(self) }
}

extension Int64: PostgresBindable {
    /// Decimal digits.
    public var postgresText: String { String(self) }
}

extension Bool: PostgresBindable {
    /// `t` or `f`, PostgreSQL's own spelling.
    public var postgresText: String { self ? "t" : "f" }
}

extension Double: PostgresBindable {
    /// The shortest text that round-trips; non-finite values use PostgreSQL's spellings
    /// (Swift would print `inf`/`nan`).
    public var postgresText: String {
        if isNaN { return "NaN" }
        if isInfinite { return self > 0 ? "Infinity" : "-Infinity" }
        return description
    }
}

extension Array: PostgresBindable where Element == String {
    /// A `text[]` literal in which every element is quoted, so `NULL`, empty strings, commas, braces and spaces
    /// all arrive as the exact strings.
    public var postgresText: String { PostgresArrayLiteral.encode(self) }
}

extension Date: PostgresBindable {
    /// ISO-8601 in UTC with microseconds, e.g. `2026-01-05 10:00:00.123456+00`.
    public var postgresText: String { PostgresTimestamp.format(self) }
}
