import PipelineCore
import Postgres

/// `SchemaIntrospector` for a PostgreSQL business database, over a small pool of libpq connections.
///
/// `catalog` answers for all listed tables in four set-based statements (relations, columns, constraints,
/// statistics); `sample` reads bounded amounts of one table (usually one statement) and may run on several threads
/// at once (at most `maxConnections` connections); `confirm` checks relationship candidates, many per statement.
/// Every connection is opened read-only with a `statement_timeout` (settings once per session, sent with the
/// connection request). Only a failure to reach the database throws; a table whose reads time out or are refused
/// is returned with what could be read (no samples, no enum values, the estimate as row count).
public final class PostgresSchemaIntrospector: SchemaIntrospector, Sendable {
    private let counter = StatementCounter()
    private let pool: PostgresConnectionPool
    private let sessionTimeoutMilliseconds: Int
    private let maxConnections: Int
    /// The catalog phase's statistics, for the enum detection of `sample`.
    private let statisticsCache = StatisticsCache()

    /// Stores the URL; nothing connects until the first call. The composition roots pass `connectionGuard`, which
    /// every new connection must satisfy; nil (tests on their own throw-away databases) checks nothing.
    public init(connectionURL: String, maxConnections: Int = 4,
                statementTimeoutMilliseconds: Int = IntrospectionOptions().statementTimeoutMilliseconds,
                connectionGuard: BusinessConnectionGuard? = nil) {
        sessionTimeoutMilliseconds = max(1, statementTimeoutMilliseconds)
        self.maxConnections = max(1, maxConnections)
        // Connecting sends one statement of its own (the session's time zone and date style): counted too.
        pool = PostgresConnectionPool(
            url: connectionURL, capacity: maxConnections, applicationName: "dp-introspection",
            startupOptions: IntrospectionSession.startupOptions(timeoutMilliseconds: sessionTimeoutMilliseconds),
            onConnect: { [counter] in counter.add() },
            verify: { try connectionGuard?.verify($0) }
        )
    }

    /// Every statement sent so far, connection set-up included.
    public var statementsSent: Int { counter.value }

    public func catalog(_ tables: [TableName]) throws -> CatalogSnapshot {
        guard !tables.isEmpty else { return CatalogSnapshot(tables: [], missing: []) }
        return try businessDatabase {
            try pool.withConnection(counting: counter) { connection in try readCatalog(tables, on: connection) }
        }
    }

    /// One connection: the catalog (four statements), the schemas' tables (one), then the documented columns'
    /// values from the statistics just read, probing (bounded, one statement per table) only where they cannot
    /// answer. A server that cannot be reached is `businessDatabaseUnavailable`; one that refuses (no such database,
    /// authentication) is `businessDatabaseFailure`.
    public func currentSchema(_ request: CurrentSchemaRequest, options: IntrospectionOptions) throws -> CurrentSchema {
        do {
            return try pool.withConnection(counting: counter) { connection in
                let snapshot = try readCatalog(request.tables, on: connection)
                let schemaTables = request.schemas.isEmpty ? [] : try SchemaTablesQuery.tables(
                    connection, schemas: request.schemas, documented: request.documented)
                let reader = reader(connection, options: options)
                defer { reader.finish() }
                let detector = EnumDetector(options: options)
                var values: [TableReference: [String: [String]]] = [:]
                for table in snapshot.tables {
                    let wanted = Set(request.valueColumns[table.reference] ?? [])
                    let candidates = table.columns.filter { wanted.contains($0.name) }
                    guard !candidates.isEmpty else { continue }
                    values[table.reference] = try detector.enumValues(
                        of: table, candidates: candidates, statistics: snapshot.statistics[table.reference], reader: reader)
                }
                return CurrentSchema(snapshot: snapshot, schemaTables: schemaTables, values: values)
            }
        } catch let error as PostgresError {
            let reason = BusinessDatabaseError.reason(error)
            throw BusinessDatabaseError.isUnavailable(error)
                ? PipelineError.businessDatabaseUnavailable(reason) : PipelineError.businessDatabaseFailure(reason)
        }
    }

    private func readCatalog(_ tables: [TableName], on connection: CountedConnection) throws -> CatalogSnapshot {
        guard !tables.isEmpty else { return CatalogSnapshot(tables: [], missing: []) }
        let relations = try CatalogQueries.relations(
            connection, schemas: tables.map(\.schema), names: tables.map(\.table),
            foldedSchemas: tables.map(Self.foldedSchema), foldedNames: tables.map(Self.foldedTable)
        )
        let oids = Array(Set(relations.map(\.oid)))
        let columns = oids.isEmpty ? [] : try CatalogQueries.columns(connection, oids: oids)
        let constraints = oids.isEmpty ? [] : try CatalogQueries.constraints(connection, oids: oids)
        let statistics = oids.isEmpty ? [:] : try StatisticsQuery.statistics(connection, oids: oids)
        let snapshot = CatalogAssembler.snapshot(
            listed: tables, relations: relations, columns: columns, constraints: constraints, statistics: statistics
        )
        statisticsCache.store(snapshot.statistics)
        var estimates: [TableReference: Int64] = [:]
        for table in snapshot.tables { estimates[table.reference] = table.estimatedRows }
        statisticsCache.storeEstimates(estimates)
        return snapshot
    }

    public func sample(_ table: TableDescription, options: IntrospectionOptions) throws -> TableDescription {
        try sampleWithFacts(table, options: options).0
    }

    public func sampleWithFacts(_ table: TableDescription, options: IntrospectionOptions) throws -> (TableDescription, SampledFacts) {
        try businessDatabase {
            try pool.withConnection(counting: counter) { connection in
                let reader = reader(connection, options: options)
                defer { reader.finish() }
                return try TableSampler(options: options).sample(
                    table, statistics: statisticsCache.statistics(of: table.reference), reader: reader)
            }
        }
    }

    /// Batches of candidates are confirmed on up to `maxConnections` connections at once.
    public func confirm(_ candidates: [RelationshipCandidate], options: IntrospectionOptions) throws -> [RelationshipCheck] {
        guard !candidates.isEmpty else { return [] }
        let estimates = statisticsCache.estimates
        let size = RelationshipProbe.candidatesPerStatement
        let batches = stride(from: 0, to: candidates.count, by: size).map { Array(candidates[$0..<min($0 + size, candidates.count)]) }
        let outcomes = BoundedConcurrency.map(batches, maxConcurrency: maxConnections) { [self] batch in
            Result { () throws -> [RelationshipCheck] in
                try businessDatabase {
                    try pool.withConnection(counting: counter) { connection in
                        let reader = reader(connection, options: options)
                        defer { reader.finish() }
                        return try RelationshipProbe(options: options).confirm(batch, estimates: estimates, reader: reader)
                    }
                }
            }
        }
        return try outcomes.flatMap { try $0.get() }
    }

    private func reader(_ connection: CountedConnection, options: IntrospectionOptions) -> ReadOnlyReader {
        ReadOnlyReader(connection: connection, timeoutMilliseconds: options.statementTimeoutMilliseconds,
                       sessionTimeoutMilliseconds: sessionTimeoutMilliseconds)
    }

    /// Maps database errors to the step's error, with a one-line reason that has no password.
    private func businessDatabase<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PostgresError {
            throw PipelineError.businessDatabaseFailure(BusinessDatabaseError.reason(error))
        }
    }

    /// What PostgreSQL makes of an unquoted name: ASCII letters folded to lower case.
    private static func foldedSchema(_ name: TableName) -> String {
        guard let part = name.schemaPart else { return "public" }
        return part.hasPrefix("\"") ? name.schema : asciiLowercased(part)
    }

    private static func foldedTable(_ name: TableName) -> String {
        name.tablePart.hasPrefix("\"") ? name.table : asciiLowercased(name.tablePart)
    }

    private static func asciiLowercased(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            ("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32)! : scalar
        }))
    }
}
