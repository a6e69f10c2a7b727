extension PostgresQuery {
    /// Collects a query's text and parameters while an interpolated string literal is evaluated. The literal parts
    /// are `StaticString`s: only the program's own text is ever appended as SQL.
    public struct StringInterpolation: StringInterpolationProtocol {
        public typealias StringLiteralType = StaticString

        var segments: [Segment] = []
        var binds: [(any PostgresBindable)?] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            segments.reserveCapacity(interpolationCount * 2 + 1)
        }

        public mutating func appendLiteral(_ literal: StaticString) {
            appendText(literal.description)
        }

        /// A value: the next bound parameter (`nil` is `NULL`).
        public mutating func appendInterpolation(_ value: (any PostgresBindable)?) {
            segments.append(.bind)
            binds.append(value)
        }

        /// An identifier (column, table, alias), quoted by the one quoting function.
        public mutating func appendInterpolation(identifier name: String) {
            appendText(PostgresConnection.quoteIdentifier(name))
        }

        /// A qualified name (`"schema"."table"`, `"table"."column"`), each part quoted.
        public mutating func appendInterpolation(identifier qualifier: String, _ name: String) {
            appendText(PostgresConnection.quoteIdentifier(qualifier) + "." + PostgresConnection.quoteIdentifier(name))
        }

        /// A trusted constant fragment (a direction, a column list, a column from a closed enum).
        public mutating func appendInterpolation(literal fragment: TrustedSQL) {
            appendText(fragment.text)
        }

        /// Another composed query: its text here, its parameters renumbered after the ones before it.
        public mutating func appendInterpolation(_ fragment: PostgresQuery) {
            guard let inner = fragment.segments else {
                preconditionFailure("only a composed PostgresQuery can be embedded: hand-numbered $n cannot be renumbered")
            }
            for segment in inner {
                switch segment {
                case .text(let text): appendText(text)
                case .bind: segments.append(.bind)
                }
            }
            binds += fragment.binds
        }

        private mutating func appendText(_ text: String) {
            guard !text.isEmpty else { return }
            if case .text(let previous)? = segments.last {
                segments[segments.count - 1] = .text(previous + text)
            } else {
                segments.append(.text(text))
            }
        }
    }
}
