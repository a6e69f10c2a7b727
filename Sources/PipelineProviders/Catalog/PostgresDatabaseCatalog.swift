import PipelineCore
import Postgres

/// `DatabaseCatalog` over a short-lived libpq connection to the business database (read-only catalog queries).
public struct PostgresDatabaseCatalog: DatabaseCatalog {
    private let connectionGuard: BusinessConnectionGuard?

    /// `connectionGuard` checks the URL and the opened session; nil (tests) checks nothing.
    public init(connectionGuard: BusinessConnectionGuard? = nil) {
        self.connectionGuard = connectionGuard
    }

    public func listTables(connectionURL: String, schemas: [String], likePattern: String?) throws -> TableListing {
        try connectionGuard?.checkURL(connectionURL)
        do {
            let connection = try PostgresConnection(url: connectionURL, applicationName: "dp-catalog")
            try connectionGuard?.verify(connection)
            // One set-based catalog query for all schemas; child partitions are left out (their parent is listed).
            let rows = try connection.query(PostgresQuery("""
                SELECT n.nspname AS schema_name, c.relname AS table_name
                FROM pg_catalog.pg_class c
                JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'p')
                  AND NOT c.relispartition
                  AND n.nspname = ANY($1::text[])
                  AND ($2::text IS NULL OR c.relname LIKE $2)
                ORDER BY n.nspname, c.relname
                """, [schemas, likePattern]))
            let tables = try rows.map { row in
                TableReference(schema: try row.string("schema_name"), name: try row.string("table_name")).description
            }
            // The schemas a user could pick: the system ones left out, and only those this login may use.
            let schemaRows = try connection.query(PostgresQuery("""
                SELECT n.nspname AS schema_name,
                       count(c.oid) FILTER (WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition) AS table_count
                FROM pg_catalog.pg_namespace n
                LEFT JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid
                WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
                  AND has_schema_privilege(n.oid, 'USAGE')
                GROUP BY n.nspname
                ORDER BY n.nspname
                """))
            let available = try schemaRows.map { row in
                SchemaSummary(name: try row.string("schema_name"), tableCount: try row.int("table_count"))
            }
            return TableListing(tables: tables, availableSchemas: available)
        } catch let error as PostgresError {
            throw PipelineError.businessDatabaseFailure(BusinessDatabaseError.reason(error))
        }
    }
}

/// A one-line, password-free reason for a failed business-database access.
enum BusinessDatabaseError {
    /// Whether trying again later may help: the server was not reached (refused, timed out, unknown host, the
    /// connection lost), or it answered that it is starting, stopping or full. A server that answered with any
    /// other `FATAL` (no such database, authentication failed) will answer the same again.
    static func isUnavailable(_ error: PostgresError) -> Bool {
        guard error.isConnectionFailure else { return false }
        let text = error.serverMessage ?? ""
        guard text.contains("FATAL:") else { return true }
        return ["starting up", "shutting down", "in recovery", "too many", "terminating connection"].contains {
            text.contains($0)
        }
    }

    static func reason(_ error: PostgresError) -> String {
        let detail = error.serverMessage ?? error.description
        let firstLine = detail.split(whereSeparator: \.isNewline).first.map(String.init) ?? detail
        return firstLine.trimmingCharacters(in: .whitespaces)
    }
}
