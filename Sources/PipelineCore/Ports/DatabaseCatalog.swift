/// Read-only questions about a business database's catalog.
public protocol DatabaseCatalog {
    /// `schema.table` names of the ordinary and partitioned tables in `schemas`, sorted; `pattern` is a `LIKE`
    /// pattern (already translated from `*`); and every schema of the database that the connection may use, with
    /// its table count, so a user can pick schemas without guessing their names. Throws
    /// `PipelineError.businessDatabaseFailure` when the database cannot be reached or queried.
    func listTables(connectionURL: String, schemas: [String], likePattern: String?) throws -> TableListing
}

/// What `DatabaseCatalog.listTables` answers.
public struct TableListing: Sendable, Equatable {
    public var tables: [String]
    public var availableSchemas: [SchemaSummary]

    public init(tables: [String], availableSchemas: [SchemaSummary]) {
        self.tables = tables
        self.availableSchemas = availableSchemas
    }
}

/// A schema of a business database and how many tables it holds.
public struct SchemaSummary: Sendable, Equatable, Encodable {
    public var name: String
    public var tableCount: Int

    public init(name: String, tableCount: Int) {
        self.name = name
        self.tableCount = tableCount
    }
}
