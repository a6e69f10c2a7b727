import Foundation
import PipelineCore
import Postgres

/// Rewrites task rows that still hold a connection password in plain text (written before sealing existed) into
/// the sealed form. SQL alone cannot do it (the key is not in the database), so it runs in Swift at start, after
/// the migrations, in one transaction under the migrations' advisory lock; idempotent.
enum ConnectionSealing {
    /// Returns how many rows were rewritten.
    static func sealPlaintextRows(_ connection: PostgresConnection, box: ConnectionSecretBox) throws -> Int {
        try connection.transaction { connection in
            try connection.query(PostgresQuery("SELECT pg_advisory_xact_lock($1)", [MigrationRunner.advisoryLockKey]))
            let rows = try connection.query(PostgresQuery("""
                SELECT task_id, parameters::text AS parameters FROM data_pipeline_tasks
                WHERE parameters ? 'db_connection' AND NOT parameters ? 'db_connection_sealed'
                FOR UPDATE
                """))
            var rewritten = 0
            for row in rows {
                let parameters = try StoredTaskParameters.decode(try row.string("parameters"), box: box)
                guard parameters.masked.dbConnection != parameters.dbConnection else { continue }
                let stored = try StoredTaskParameters.encode(parameters, box: box)
                try connection.execute(PostgresQuery(
                    "UPDATE data_pipeline_tasks SET parameters = $2::jsonb WHERE task_id = $1",
                    [try row.string("task_id"), PostgresJSON(stored)]))
                rewritten += 1
            }
            return rewritten
        }
    }
}
