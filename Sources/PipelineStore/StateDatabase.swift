import Foundation
import Postgres

/// Entry points of the state database for the composition roots, so they need not speak libpq themselves.
public enum StateDatabase {
    /// Applies migrations, waiting up to `waitSeconds` for the database to accept connections (it may still be
    /// starting when both come up together); `onRetry` hears each failed attempt (a redacted description).
    /// Then seals connection passwords that rows written before sealing still hold in plain text.
    public static func migrate(url: String, secrets: ConnectionSecretBox, waitSeconds: Double = 30,
                               onRetry: (String) -> Void = { _ in }) throws -> (versions: [Int], sealedRows: Int) {
        let deadline = Date().addingTimeInterval(waitSeconds)
        while true {
            do {
                let connection = try PostgresConnection(url: url, applicationName: "dp-migrate")
                let versions = try MigrationRunner.migrate(connection)
                return (versions, try ConnectionSealing.sealPlaintextRows(connection, box: secrets))
            } catch let error as PostgresError where error.isConnectionFailure && Date() < deadline {
                onRetry(error.description)
                Thread.sleep(forTimeInterval: 1)
            }
        }
    }

    /// A task store for the calling thread, connecting lazily and reconnecting after failures.
    public static func taskStore(url: String, applicationName: String, secrets: ConnectionSecretBox) -> PostgresTaskStore {
        PostgresTaskStore(session: PostgresSession(url: url, applicationName: applicationName), secrets: secrets)
    }
}
