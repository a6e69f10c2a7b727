import PipelineCore
import Postgres

/// The state database's shared connection pool (`PostgresConnectionPool`), with its errors as the API knows them:
/// an unreachable database is `PipelineError.stateStoreUnavailable` (503).
struct StateDatabasePool: Sendable {
    private let pool: PostgresConnectionPool

    init(url: String, applicationName: String, capacity: Int) {
        pool = PostgresConnectionPool(url: url, capacity: capacity, applicationName: applicationName)
    }

    /// Runs `body` on a pooled connection; it runs once more on a fresh connection when a reused one turned out to be
    /// stale, so `body` must be safe to repeat (reads, or one transaction).
    func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        do {
            return try pool.withConnection(body)
        } catch let error as PostgresError where error.isConnectionFailure {
            throw PipelineError.stateStoreUnavailable
        }
    }
}
