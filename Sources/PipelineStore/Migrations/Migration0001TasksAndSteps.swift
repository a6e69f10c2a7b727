import Postgres

/// Tasks and steps as in the predecessor (`init_tables.sql`), plus what it lacked: `directory_exists`,
/// `updated_at`, the worker's pid/host/heartbeat/execution id, progress and result; one row per (task, step).
enum Migration0001TasksAndSteps {
    static let migration = Migration(version: 1, name: "tasks and steps", statements: [
        PostgresQuery("""
            CREATE TABLE data_pipeline_tasks (
                task_id          varchar(64)  PRIMARY KEY,
                task_name        varchar(255),
                task_type        varchar(50)  NOT NULL DEFAULT 'data_workflow',
                status           varchar(20)  NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'in_progress', 'partial_completed', 'completed', 'failed')),
                parameters       jsonb        NOT NULL,
                result           jsonb,
                error_message    text,
                created_at       timestamptz  NOT NULL DEFAULT now(),
                started_at       timestamptz,
                completed_at     timestamptz,
                updated_at       timestamptz  NOT NULL DEFAULT now(),
                created_type     varchar(50)  NOT NULL DEFAULT 'api',
                by_user          varchar(255) NOT NULL DEFAULT 'guest',
                db_name          varchar(255),
                directory_exists boolean      NOT NULL DEFAULT true,
                execution_id     varchar(128),
                execution_mode   varchar(20),
                worker_pid       integer,
                worker_host      varchar(255),
                heartbeat_at     timestamptz,
                progress         jsonb
            )
            """),
        PostgresQuery("CREATE INDEX data_pipeline_tasks_created_at_idx ON data_pipeline_tasks (created_at DESC, task_id DESC)"),
        PostgresQuery("CREATE INDEX data_pipeline_tasks_status_idx ON data_pipeline_tasks (status, created_at DESC)"),
        PostgresQuery("""
            CREATE TABLE data_pipeline_task_steps (
                id            bigserial    PRIMARY KEY,
                task_id       varchar(64)  NOT NULL REFERENCES data_pipeline_tasks (task_id) ON DELETE CASCADE,
                step_name     varchar(50)  NOT NULL
                    CHECK (step_name IN ('ddl_generation', 'qa_generation', 'sql_validation', 'training_load')),
                step_status   varchar(20)  NOT NULL DEFAULT 'pending'
                    CHECK (step_status IN ('pending', 'running', 'completed', 'failed', 'skipped')),
                execution_id  varchar(128),
                started_at    timestamptz,
                completed_at  timestamptz,
                error_message text,
                UNIQUE (task_id, step_name)
            )
            """),
    ])
}
