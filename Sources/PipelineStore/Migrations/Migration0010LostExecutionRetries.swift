import Postgres

/// Re-queueing lost executions (issue 16, `DP_RETRY_LOST_EXECUTIONS`): a task remembers how often its execution was
/// re-queued after its worker was lost, and what the execution was asked to do (the queue row is gone once a host
/// took it); a queue row says which attempt it is, so the worker resumes from the first unfinished step.
enum Migration0010LostExecutionRetries {
    static let migration = Migration(version: 10, name: "lost execution retries", statements: [
        PostgresQuery("ALTER TABLE data_pipeline_tasks ADD COLUMN lost_retries integer NOT NULL DEFAULT 0"),
        PostgresQuery("ALTER TABLE data_pipeline_tasks ADD COLUMN execution_step_name varchar(50)"),
        PostgresQuery("""
            ALTER TABLE data_pipeline_tasks ADD COLUMN execution_vector_flags boolean[] NOT NULL
                DEFAULT '{false,false,false}'
            """),
        PostgresQuery("ALTER TABLE data_pipeline_execution_queue ADD COLUMN resume_attempt integer NOT NULL DEFAULT 0"),
    ])
}
