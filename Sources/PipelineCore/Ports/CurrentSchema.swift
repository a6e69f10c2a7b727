/// What a drift report asks of the business database (`SchemaIntrospector.currentSchema`).
public struct CurrentSchemaRequest: Sendable {
    /// The documented tables and the listed ones, resolved as a table list is.
    public var tables: [TableName]
    /// Schemas whose tables are listed, to find tables that were added.
    public var schemas: [String]
    /// The documented tables: a table of `schemas` created after all of them (a greater OID) counts as added.
    public var documented: [TableReference]
    /// By table, the columns whose values the documents or the semantic model list (enum and dimension values).
    public var valueColumns: [TableReference: [String]]

    public init(tables: [TableName], schemas: [String], documented: [TableReference],
                valueColumns: [TableReference: [String]]) {
        self.tables = tables
        self.schemas = schemas
        self.documented = documented
        self.valueColumns = valueColumns
    }
}

/// One table of the listed schemas.
public struct SchemaTableEntry: Sendable, Equatable {
    public var reference: TableReference
    /// Created after every documented table (its OID is greater than theirs): it did not exist when they were
    /// documented, unless the OID counter wrapped around.
    public var isNewerThanDocumented: Bool

    public init(reference: TableReference, isNewerThanDocumented: Bool) {
        self.reference = reference
        self.isNewerThanDocumented = isNewerThanDocumented
    }
}

/// The business database as it is now, as far as a drift report compares it.
public struct CurrentSchema: Sendable {
    public var snapshot: CatalogSnapshot
    /// Ordinary and partitioned tables of the requested schemas (partitions left out).
    public var schemaTables: [SchemaTableEntry]
    /// By table and column, the values the column has now; a column absent here could not be told (not
    /// enum-like any more, or its reads were refused).
    public var values: [TableReference: [String: [String]]]

    public init(snapshot: CatalogSnapshot, schemaTables: [SchemaTableEntry] = [],
                values: [TableReference: [String: [String]]] = [:]) {
        self.snapshot = snapshot
        self.schemaTables = schemaTables
        self.values = values
    }
}
