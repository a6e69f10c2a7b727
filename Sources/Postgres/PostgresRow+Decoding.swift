import Foundation

extension PostgresRow {
    /// True when the column is SQL NULL; throws `.decoding` if there is no such column.
    public func isNull(_ column: String) throws(PostgresError) -> Bool {
        try text(column) == nil
    }

    /// The column as text; throws `.decoding` if it is NULL or missing.
    public func string(_ column: String) throws(PostgresError) -> String {
        try required(column, "text", optionalString(column))
    }

    /// The column as text, `nil` for NULL.
    public func optionalString(_ column: String) throws(PostgresError) -> String? {
        try text(column)
    }

    /// The column as an integer (`int2`/`int4`/`int8`, or any integral text).
    public func int(_ column: String) throws(PostgresError) -> Int {
        try required(column, "an integer", optionalInt(column))
    }

    /// The column as an integer, `nil` for NULL.
    public func optionalInt(_ column: String) throws(PostgresError) -> Int? {
        try decode(column, "an integer") { Int($0) }
    }

    /// The column as a boolean (`t`/`f`).
    public func bool(_ column: String) throws(PostgresError) -> Bool {
        try required(column, "a boolean", optionalBool(column))
    }

    /// The column as a boolean, `nil` for NULL.
    public func optionalBool(_ column: String) throws(PostgresError) -> Bool? {
        try decode(column, "a boolean") { text in
            switch text {
            case "t", "true": true
            case "f", "false": false
            default: nil
            }
        }
    }

    /// The column as a floating-point number (`float4`/`float8`/`numeric`; `NaN` and `±Infinity` too).
    public func double(_ column: String) throws(PostgresError) -> Double {
        try required(column, "a number", optionalDouble(column))
    }

    /// The column as a floating-point number, `nil` for NULL.
    public func optionalDouble(_ column: String) throws(PostgresError) -> Double? {
        try decode(column, "a number") { Double($0) }
    }

    /// The column as a date: `timestamptz` text (`2026-01-05 10:00:00.123456+00`) or `timestamp` text taken as
    /// UTC, with microseconds kept; a bare `date` is midnight UTC; `±infinity` map to `distantFuture`/`distantPast`.
    public func date(_ column: String) throws(PostgresError) -> Date {
        try required(column, "a timestamp", optionalDate(column))
    }

    /// The column as a date, `nil` for NULL.
    public func optionalDate(_ column: String) throws(PostgresError) -> Date? {
        try decode(column, "a timestamp") { PostgresTimestamp.parse($0) }
    }

    /// The column as a `text[]` (one-dimensional); throws `.decoding` if it or any element is NULL.
    public func stringArray(_ column: String) throws(PostgresError) -> [String] {
        let elements = try required(column, "an array", optionalNullableStringArray(column))
        var strings: [String] = []
        strings.reserveCapacity(elements.count)
        for element in elements {
            guard let element else {
                throw PostgresError(kind: .decoding, message: "column \"\(column)\" has a NULL array element")
            }
            strings.append(element)
        }
        return strings
    }

    /// The column as a `text[]` whose elements may be NULL; `nil` when the column itself is NULL.
    public func optionalNullableStringArray(_ column: String) throws(PostgresError) -> [String?]? {
        guard let text = try text(column) else { return nil }
        do {
            return try PostgresArrayLiteral.parse(text)
        } catch {
            throw PostgresError(kind: .decoding, message: "column \"\(column)\" is not a valid array (\(error.reason))")
        }
    }

    private func required<T>(_ column: String, _ type: String, _ value: T?) throws(PostgresError) -> T {
        guard let value else {
            throw PostgresError(kind: .decoding, message: "column \"\(column)\" is NULL, expected \(type)")
        }
        return value
    }

    /// Converts non-NULL text; the value itself stays out of the error (it may be personal data).
    private func decode<T>(_ column: String, _ type: String, _ convert: (String) -> T?) throws(PostgresError) -> T? {
        guard let text = try text(column) else { return nil }
        guard let value = convert(text) else {
            throw PostgresError(
                kind: .decoding, message: "column \"\(column)\" (\(text.utf8.count) bytes) is not \(type)"
            )
        }
        return value
    }
}
