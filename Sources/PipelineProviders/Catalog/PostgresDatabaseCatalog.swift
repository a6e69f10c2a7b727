import PipelineCore
import Postgres

/// `DatabaseCatalog` over a short-lived libpq connection to the business database (read-only catalog queries).
public struct PostgresDatabaseCatalog: DatabaseCatalog {
    public init() {}

    public func listTables(connectionURL: String, schemas: [String], likePattern: String?) throws -> [String] {
        do {
            let connection = try PostgresConnection(url: connectionURL, applicationName: "dp-catalog")
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
            return try rows.map { row in
                "\(IdentifierText.display(try row.string("schema_name"))).\(IdentifierText.display(try row.string("table_name")))"
            }
        } catch let error as PostgresError {
            throw PipelineError.businessDatabaseFailure(BusinessDatabaseError.reason(error))
        }
    }
}

/// How names are shown to users so they can be pasted into a table list as they are.
enum IdentifierText {
    /// Plain lower-case identifiers as they are; anything else double-quoted the way PostgreSQL needs it.
    static func display(_ name: String) -> String {
        let plain = name.first.map { $0 == "_" || ($0.isASCII && $0.isLowercase) } ?? false
            && name.allSatisfy { $0 == "_" || $0 == "$" || ($0.isASCII && ($0.isLowercase || $0.isNumber)) }
        return plain ? name : PostgresConnection.quoteIdentifier(name)
    }
}

/// A one-line, password-free reason for a failed business-database access.
enum BusinessDatabaseError {
    static func reason(_ error: PostgresError) -> String {
        let detail = error.serverMessage ?? error.description
        let firstLine = detail.split(whereSeparator: \.isNewline).first.map(String.init) ?? detail
        return firstLine.trimmingCharacters(in: .whitespaces)
    }
}
