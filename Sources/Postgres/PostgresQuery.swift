/// SQL text plus bound parameters.
///
/// Compose SQL by string interpolation, as with PostgresNIO's `PostgresQuery`; the literal parts must be string
/// literals, and every interpolation says what it is:
///
///     let query: PostgresQuery = """
///         SELECT \(literal: columns) FROM \(identifier: schema, table) WHERE name = \(name) LIMIT \(limit)
///         """
///
/// * `\(value)` — any `PostgresBindable` (or nil for `NULL`) becomes the next bound parameter (`$1`, `$2`… are
///   numbered automatically); a value never lands in the SQL text.
/// * `\(identifier: name)` / `\(identifier: schema, name)` — quoted by `PostgresConnection.quoteIdentifier`, the
///   one identifier-quoting function.
/// * `\(literal: fragment)` — a `TrustedSQL` constant, which can only be built from a string literal, so input text
///   cannot get there.
/// * `\(query)` of another composed query (`\(fragment:)`, `\(joined:separator:)`): its text is inserted and its
///   parameters renumbered after the ones before it.
///
/// SQL that truly comes from outside (a generated pair's statement to EXPLAIN or run read-only) has to say so with
/// `unsafeSQL:`, so it stands out in review; `scripts/lint.sh` counts those sites against an allow-list.
public struct PostgresQuery: Sendable, ExpressibleByStringInterpolation {
    /// Text and placeholders in order; a placeholder's number is its position among the `binds`.
    enum Segment: Sendable {
        case text(String)
        case bind
    }

    /// The SQL text sent to the server.
    public let sql: String
    /// The parameters for `$1`, `$2`…, in order; `nil` is sent as SQL `NULL`.
    public let binds: [(any PostgresBindable)?]
    /// The composed form, for embedding this query in another one; nil when the `$n` were numbered by hand
    /// (`init(_:_:)`, `init(unsafeSQL:_:)`), whose text cannot be renumbered.
    let segments: [Segment]?

    /// A query whose SQL is a literal with hand-numbered `$n`; every value goes in `binds`.
    public init(_ sql: StaticString, _ binds: [(any PostgresBindable)?] = []) {
        self.sql = sql.description
        self.binds = binds
        self.segments = binds.isEmpty ? [.text(self.sql)] : nil
    }

    /// A query whose SQL comes from outside the program (a generated statement to check). Values still belong in
    /// `binds`; everything the program composes itself uses interpolation instead.
    public init(unsafeSQL sql: String, _ binds: [(any PostgresBindable)?] = []) {
        self.sql = sql
        self.binds = binds
        self.segments = nil
    }

    /// A literal without parameters.
    public init(stringLiteral sql: StaticString) {
        self.init(sql)
    }

    public init(stringInterpolation: StringInterpolation) {
        self.init(segments: stringInterpolation.segments, binds: stringInterpolation.binds)
    }

    init(segments: [Segment], binds: [(any PostgresBindable)?]) {
        var sql = ""
        var number = 0
        for segment in segments {
            switch segment {
            case .text(let text): sql += text
            case .bind:
                number += 1
                sql += "$\(number)"
            }
        }
        self.sql = sql
        self.binds = binds
        self.segments = segments
    }

    /// `parts` one after the other with the constant `separator` between them (a list of columns, `UNION ALL` of
    /// per-table statements); parameters are renumbered in order.
    public static func joined(_ parts: [PostgresQuery], separator: TrustedSQL) -> PostgresQuery {
        var interpolation = StringInterpolation(literalCapacity: 0, interpolationCount: parts.count)
        for (index, part) in parts.enumerated() {
            if index > 0 { interpolation.appendInterpolation(literal: separator) }
            interpolation.appendInterpolation(part)
        }
        return PostgresQuery(stringInterpolation: interpolation)
    }
}
