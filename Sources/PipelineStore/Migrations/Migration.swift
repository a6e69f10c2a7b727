import Postgres

/// One versioned schema change: statements run in order inside the migration transaction.
///
/// Statements are separate because `PQexecParams` (the only way this project talks SQL) runs one at a time.
struct Migration: Sendable {
    let version: Int
    let name: String
    let statements: [PostgresQuery]
}

/// Every migration, in version order. Append new ones; never edit an applied one.
enum Migrations {
    static let all: [Migration] = [
        Migration0001TasksAndSteps.migration,
        Migration0002Cancellation.migration,
        Migration0003ChangeNotifications.migration,
        Migration0004TrainingItems.migration,
        Migration0005TrainingItemOwners.migration,
        Migration0006TaskVersions.migration,
        Migration0007TrainingItemDatabase.migration,
        Migration0008TrainingItemChanges.migration,
        Migration0009ExecutionQueue.migration,
        Migration0010LostExecutionRetries.migration,
    ]
}
