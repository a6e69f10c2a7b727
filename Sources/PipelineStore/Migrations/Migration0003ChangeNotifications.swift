import Postgres

/// Every change of a task or step row is announced with `NOTIFY dp_task_changed, '<task_id>'`, whichever process
/// made it (responder or worker). Responders keep a status cache and drop an entry when they hear about it, so the
/// status route can answer most polls without a query while staying fresh within the notification latency.
enum Migration0003ChangeNotifications {
    static let migration = Migration(version: 3, name: "task change notifications", statements: [
        PostgresQuery("""
            CREATE FUNCTION dp_notify_task_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'DELETE' THEN
                    PERFORM pg_notify('dp_task_changed', OLD.task_id);
                    RETURN OLD;
                END IF;
                PERFORM pg_notify('dp_task_changed', NEW.task_id);
                RETURN NEW;
            END
            $$
            """),
        PostgresQuery("""
            CREATE TRIGGER data_pipeline_tasks_changed AFTER INSERT OR UPDATE OR DELETE ON data_pipeline_tasks
            FOR EACH ROW EXECUTE FUNCTION dp_notify_task_changed()
            """),
        PostgresQuery("""
            CREATE TRIGGER data_pipeline_task_steps_changed AFTER INSERT OR UPDATE OR DELETE ON data_pipeline_task_steps
            FOR EACH ROW EXECUTE FUNCTION dp_notify_task_changed()
            """),
    ])
}
