import Postgres

/// A version per task, bumped with every change of the task row or one of its step rows, and a creation key.
///
/// The version is what a reader compares instead of clocks: a responder's cache never replaces a newer version
/// with an older one and never answers a version older than one it has answered (`TaskReadCache`), and the status
/// route shows it. It is bumped under the task row's lock (the row trigger, and the step trigger's update of the
/// task row), so versions follow commit order. Step writers already lock the task row first (the worker's guarded
/// step writes, `failExecution`), so the step trigger adds no new lock order and no deadlock.
///
/// `create_key` makes creating a task idempotent: the responder picks the key before the first attempt, and a
/// retry after an ambiguous connection failure finds the task the first attempt committed instead of a `_2`.
enum Migration0006TaskVersions {
    static let migration = Migration(version: 6, name: "task versions and creation keys", statements: [
        PostgresQuery("ALTER TABLE data_pipeline_tasks ADD COLUMN version bigint NOT NULL DEFAULT 1"),
        PostgresQuery("ALTER TABLE data_pipeline_tasks ADD COLUMN create_key varchar(64)"),
        PostgresQuery("CREATE UNIQUE INDEX data_pipeline_tasks_create_key_idx ON data_pipeline_tasks (create_key)"),
        PostgresQuery("""
            CREATE FUNCTION dp_bump_task_version() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.version := OLD.version + 1;
                RETURN NEW;
            END
            $$
            """),
        PostgresQuery("""
            CREATE TRIGGER data_pipeline_tasks_version BEFORE UPDATE ON data_pipeline_tasks
            FOR EACH ROW EXECUTE FUNCTION dp_bump_task_version()
            """),
        PostgresQuery("""
            CREATE FUNCTION dp_bump_task_version_for_step() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                -- A cascaded delete finds no task row any more: nothing to bump.
                UPDATE data_pipeline_tasks SET version = version + 1
                WHERE task_id = CASE WHEN TG_OP = 'DELETE' THEN OLD.task_id ELSE NEW.task_id END;
                RETURN NULL;
            END
            $$
            """),
        PostgresQuery("""
            CREATE TRIGGER data_pipeline_task_steps_version AFTER INSERT OR UPDATE OR DELETE ON data_pipeline_task_steps
            FOR EACH ROW EXECUTE FUNCTION dp_bump_task_version_for_step()
            """),
    ])
}
