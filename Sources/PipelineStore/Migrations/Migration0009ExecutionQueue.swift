import Postgres

/// The work queue (issue 16): an accepted execution waits here until a host with a free worker slot takes it.
/// `seq` orders the queue (first in, first out); one queued execution per task. Inserting announces
/// `dp_execution_queued`, so idle hosts claim at once instead of on their next sweep.
/// The running-per-host index serves the capacity count each claim makes.
enum Migration0009ExecutionQueue {
    static let migration = Migration(version: 9, name: "execution queue", statements: [
        PostgresQuery("""
            CREATE TABLE data_pipeline_execution_queue (
                seq            bigserial    PRIMARY KEY,
                task_id        varchar(64)  NOT NULL UNIQUE REFERENCES data_pipeline_tasks (task_id) ON DELETE CASCADE,
                execution_id   varchar(128) NOT NULL,
                execution_mode varchar(20)  NOT NULL,
                step_name      varchar(50),
                backup_vector_tables   boolean NOT NULL DEFAULT false,
                truncate_vector_tables boolean NOT NULL DEFAULT false,
                skip_training          boolean NOT NULL DEFAULT false,
                queued_at      timestamptz  NOT NULL DEFAULT now()
            )
            """),
        PostgresQuery("""
            CREATE INDEX data_pipeline_tasks_host_running_idx ON data_pipeline_tasks (worker_host)
            WHERE status = 'in_progress'
            """),
        PostgresQuery("""
            CREATE FUNCTION dp_notify_execution_queued() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('dp_execution_queued', NEW.task_id);
                RETURN NEW;
            END
            $$
            """),
        PostgresQuery("""
            CREATE TRIGGER data_pipeline_execution_queued AFTER INSERT ON data_pipeline_execution_queue
            FOR EACH ROW EXECUTE FUNCTION dp_notify_execution_queued()
            """),
    ])
}
