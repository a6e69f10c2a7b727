/// A JSON text sent as a parameter; cast it in SQL with `$n::jsonb` (or `::json`).
///
/// It only makes call sites read clearly: the text is sent as is and the server validates it.
public struct PostgresJSON: PostgresBindable {
    /// The JSON text.
    public let json: String

    /// Wraps an already encoded JSON text.
    public init(_ json: String) {
        self.json = json
    }

    /// The JSON text itself.
    public var postgresText: String { json }
}
