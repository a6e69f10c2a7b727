/// Limits of step 1's reads of a business database.
public struct IntrospectionOptions: Sendable {
    /// Rows read per table for samples (never the whole table: `LIMIT`, or `TABLESAMPLE` for large tables).
    public var sampleRows = 20
    /// Sample values kept per column (the document shows 2; enum columns show all their values).
    public var samplesPerColumn = 3
    /// A column with at most this many distinct values is enum-like.
    public var enumMaxDistinct = 20
    /// Rows a distinct-value probe may read when statistics cannot answer.
    public var enumProbeRows = 10_000
    /// `statement_timeout` for every sampling and probe statement.
    public var statementTimeoutMilliseconds = 5_000
    /// Tables with fewer estimated rows than this get an exact `count(*)`; larger ones keep the estimate.
    public var exactCountBelowRows: Int64 = 100_000
    public var sensitivity = SensitivityRules.standard
    /// Distinct non-null child values looked up in the parent key per relationship candidate.
    public var relationshipSampleValues = 20
    /// Child rows those values are taken from (the first rows, or sampled blocks of a large table).
    public var relationshipSampleRows = 200
    /// Share of the sampled values the parent must have for an inferred relationship to be kept.
    public var relationshipMinimumMatch = 0.9

    public init() {}
}

/// Catalog facts of the listed tables, and the names that do not exist.
public struct CatalogSnapshot: Sendable {
    /// In table-list order; samples, enum values and exact counts not filled in yet.
    public var tables: [TableDescription]
    /// Listed names with no table, view or materialized view behind them.
    public var missing: [TableName]
    /// Statistics, enum labels, unique and indexed columns and check constraints of the tables (set-based reads).
    public var statistics: [TableReference: TableStatistics]

    public init(tables: [TableDescription], missing: [TableName], statistics: [TableReference: TableStatistics] = [:]) {
        self.tables = tables
        self.missing = missing
        self.statistics = statistics
    }
}

/// Read-only introspection of a business database for step 1 (and `POST /database/table/ddl`).
///
/// Implementations must be safe to call `sample` from several threads at once (a bounded pool of connections).
public protocol SchemaIntrospector: AnyObject, Sendable {
    /// Catalog facts of all listed tables in a few set-based queries (not one per table or column).
    func catalog(_ tables: [TableName]) throws -> CatalogSnapshot
    /// The table with samples, enum values, sensitivity flags and (for small tables) an exact row count,
    /// reading only bounded amounts of data.
    func sample(_ table: TableDescription, options: IntrospectionOptions) throws -> TableDescription
    /// `sample`, plus what the reads found beyond the document (index-read ranges of time columns).
    func sampleWithFacts(_ table: TableDescription, options: IntrospectionOptions) throws -> (TableDescription, SampledFacts)
    /// Looks a fixed number of sampled child values of each candidate up in the parent's unique key (index
    /// lookups, bounded reads); candidates whose reads failed are left out of the answer.
    func confirm(_ candidates: [RelationshipCandidate], options: IntrospectionOptions) throws -> [RelationshipCheck]
    /// How many SQL statements this introspector has sent so far (for the benchmark and the step's log).
    var statementsSent: Int { get }
    /// The schema as it is now, for a drift report (`SchemaDriftReport`): catalog facts of the named tables, the
    /// tables of the schemas, and the current values of the columns whose values were documented — set-based
    /// catalog reads, statistics, and a bounded probe only where statistics cannot answer; never a scan.
    /// Throws `PipelineError.businessDatabaseUnavailable` when the database cannot be reached.
    func currentSchema(_ request: CurrentSchemaRequest, options: IntrospectionOptions) throws -> CurrentSchema
}

extension SchemaIntrospector {
    /// The catalog facts only: no schema listing, no values.
    public func currentSchema(_ request: CurrentSchemaRequest, options: IntrospectionOptions) throws -> CurrentSchema {
        CurrentSchema(snapshot: try catalog(request.tables))
    }

    public func sampleWithFacts(_ table: TableDescription, options: IntrospectionOptions) throws -> (TableDescription, SampledFacts) {
        (try sample(table, options: options), SampledFacts())
    }

    public func confirm(_ candidates: [RelationshipCandidate], options: IntrospectionOptions) throws -> [RelationshipCheck] {
        []
    }
}
