/// Read-only questions about a business database's catalog.
public protocol DatabaseCatalog {
    /// `schema.table` names of the ordinary and partitioned tables in `schemas`, sorted; `pattern` is a `LIKE`
    /// pattern (already translated from `*`). Throws `PipelineError.businessDatabaseFailure` when the database
    /// cannot be reached or queried.
    func listTables(connectionURL: String, schemas: [String], likePattern: String?) throws -> [String]
}
