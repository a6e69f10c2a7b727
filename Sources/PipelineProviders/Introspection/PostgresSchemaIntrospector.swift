import PipelineCore
import Postgres

/// `SchemaIntrospector` for a PostgreSQL business database, over a small pool of libpq connections.
///
/// `catalog` answers for all listed tables in three set-based statements; `sample` reads bounded amounts of one
/// table inside a read-only, time-limited transaction and may run on several threads at once (at most
/// `maxConnections` connections). Only a failure to reach the database throws; a table whose reads time out or
/// are refused is returned with what could be read (no samples, no enum values, the estimate as row count).
public final class PostgresSchemaIntrospector: SchemaIntrospector, Sendable {
    private let counter = StatementCounter()
    private let pool: PostgresConnectionPool

    /// Stores the URL; nothing connects until the first call. The composition roots pass `connectionGuard`, which
    /// every new connection must satisfy; nil (tests on their own throw-away databases) checks nothing.
    public init(connectionURL: String, maxConnections: Int = 4, connectionGuard: BusinessConnectionGuard? = nil) {
        // Connecting sends one statement of its own (the session's time zone and date style): counted too.
        pool = PostgresConnectionPool(
            url: connectionURL, capacity: maxConnections, applicationName: "dp-introspection", onConnect: { [counter] in counter.add() },
            verify: { try connectionGuard?.verify($0) }
        )
    }

    /// Every statement sent so far, connection set-up included.
    public var statementsSent: Int { counter.value }

    public func catalog(_ tables: [TableName]) throws -> CatalogSnapshot {
        guard !tables.isEmpty else { return CatalogSnapshot(tables: [], missing: []) }
        return try businessDatabase {
            try pool.withConnection(counting: counter) { connection in
                let relations = try CatalogQueries.relations(
                    connection, schemas: tables.map(\.schema), names: tables.map(\.table),
                    foldedSchemas: tables.map(Self.foldedSchema), foldedNames: tables.map(Self.foldedTable)
                )
                let oids = Array(Set(relations.map(\.oid)))
                let columns = oids.isEmpty ? [] : try CatalogQueries.columns(connection, oids: oids)
                let constraints = oids.isEmpty ? [] : try CatalogQueries.constraints(connection, oids: oids)
                return CatalogAssembler.snapshot(
                    listed: tables, relations: relations, columns: columns, constraints: constraints
                )
            }
        }
    }

    public func sample(_ table: TableDescription, options: IntrospectionOptions) throws -> TableDescription {
        try businessDatabase {
            try pool.withConnection(counting: counter) { connection in
                let reader = ReadOnlyReader(connection: connection, timeoutMilliseconds: options.statementTimeoutMilliseconds)
                defer { reader.finish() }
                return try TableSampler(options: options).sample(table, reader: reader)
            }
        }
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
