import Postgres

/// Applies pending migrations at start, idempotently and safely when several processes start at once.
public enum MigrationRunner {
    /// Arbitrary constant naming this service's advisory lock ("dp-migr").
    static let advisoryLockKey = 0x6470_6D69_6772

    /// Applies every migration not yet recorded in `schema_migrations`, all in one transaction under a
    /// transaction-scoped advisory lock, so a second process waits and then finds nothing to do.
    /// Returns the versions it applied.
    @discardableResult
    public static func migrate(_ connection: PostgresConnection) throws -> [Int] {
        try connection.transaction { connection in
            try connection.query(PostgresQuery("SELECT pg_advisory_xact_lock($1)", [advisoryLockKey]))
            try connection.execute(PostgresQuery("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    integer     PRIMARY KEY,
                    name       text        NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """))
            let applied = Set(try connection.query(PostgresQuery("SELECT version FROM schema_migrations"))
                .map { try $0.int("version") })
            var newlyApplied: [Int] = []
            for migration in Migrations.all where !applied.contains(migration.version) {
                for statement in migration.statements { try connection.execute(statement) }
                try connection.execute(PostgresQuery(
                    "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [migration.version, migration.name]))
                newlyApplied.append(migration.version)
            }
            return newlyApplied
        }
    }
}
