import Postgres

/// Cancellation requests travel through the task row (so a responder on another host can cancel a worker), and
/// the liveness check looks up running tasks by status.
enum Migration0002Cancellation {
    static let migration = Migration(version: 2, name: "cancellation and running-task index", statements: [
        PostgresQuery("ALTER TABLE data_pipeline_tasks ADD COLUMN cancel_requested_at timestamptz"),
        PostgresQuery("CREATE INDEX data_pipeline_tasks_running_idx ON data_pipeline_tasks (heartbeat_at) WHERE status = 'in_progress'"),
    ])
}
