import Postgres

/// A change log of `training_items`, so a process's search index applies only the items that changed since its
/// snapshot instead of reloading the whole store (issue 14: "incremental as items change").
///
/// * `training_item_changes` holds, per `training_store_state.generation`, the ids of the rows a statement inserted,
///   updated or deleted. The statement triggers of migration 4 now take the new generation from their own
///   `UPDATE … RETURNING` (the row lock is held until commit, so no other writer commits a generation in between)
///   and log the ids of their transition tables under it. A reader at generation G reads `generation > G` in the
///   same `REPEATABLE READ` snapshot as the rows, so every process sharing the store sees every change, whoever made
///   it (API, worker, restore, direct SQL).
/// * `changes_floor`: every change after this generation is in the log. TRUNCATE raises it to the new generation (a
///   truncated table has no row ids to log), and pruning (every 100th generation, entries more than 10,000
///   generations old) raises it too; a reader older than the floor rebuilds its index in full.
/// * An item's databases come from the tasks owning it (`data_pipeline_tasks.db_name`, migration 7), so creating or
///   deleting a task, or changing its `db_name`, logs the items whose `task_ids` name it. Tasks owning no item (the
///   usual case) never touch the state row, so task writes never wait for a training-data load.
enum Migration0008TrainingItemChanges {
    static let migration = Migration(version: 8, name: "training item changes", statements: [
        PostgresQuery("ALTER TABLE training_store_state ADD COLUMN changes_floor bigint NOT NULL DEFAULT 0"),
        PostgresQuery("UPDATE training_store_state SET changes_floor = generation"),
        PostgresQuery("""
            CREATE TABLE training_item_changes (
                generation bigint NOT NULL,
                id         text   NOT NULL
            )
            """),
        PostgresQuery("CREATE INDEX training_item_changes_generation_idx ON training_item_changes (generation)"),
        // PL/pgSQL plans each statement when first reached: `old_rows` exists only for the UPDATE trigger and
        // `changed_rows` not for TRUNCATE, and neither branch is reached by the other triggers.
        PostgresQuery("""
            CREATE OR REPLACE FUNCTION dp_training_items_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                changed_generation bigint;
            BEGIN
                IF TG_OP = 'TRUNCATE' THEN
                    UPDATE training_store_state SET generation = generation + 1, changes_floor = generation + 1;
                    RETURN NULL;
                END IF;
                IF NOT EXISTS (SELECT 1 FROM changed_rows) THEN
                    RETURN NULL;
                END IF;
                UPDATE training_store_state SET generation = generation + 1 RETURNING generation INTO changed_generation;
                INSERT INTO training_item_changes (generation, id) SELECT changed_generation, id FROM changed_rows;
                IF TG_OP = 'UPDATE' THEN
                    INSERT INTO training_item_changes (generation, id)
                    SELECT changed_generation, id FROM old_rows EXCEPT SELECT changed_generation, id FROM changed_rows;
                END IF;
                IF changed_generation % 100 = 0 THEN
                    UPDATE training_store_state SET changes_floor = greatest(changes_floor, changed_generation - 10000);
                    DELETE FROM training_item_changes WHERE generation <= changed_generation - 10000;
                END IF;
                RETURN NULL;
            END
            $$
            """),
        PostgresQuery("DROP TRIGGER training_items_updated ON training_items"),
        PostgresQuery("""
            CREATE TRIGGER training_items_updated AFTER UPDATE ON training_items
            REFERENCING OLD TABLE AS old_rows NEW TABLE AS changed_rows
            FOR EACH STATEMENT EXECUTE FUNCTION dp_training_items_changed()
            """),
        PostgresQuery("""
            CREATE FUNCTION dp_training_owner_task_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                task text;
                changed_generation bigint;
            BEGIN
                IF TG_OP = 'UPDATE' AND NEW.db_name IS NOT DISTINCT FROM OLD.db_name THEN
                    RETURN NULL;
                END IF;
                task := CASE WHEN TG_OP = 'INSERT' THEN NEW.task_id ELSE OLD.task_id END;
                IF NOT EXISTS (SELECT 1 FROM training_items WHERE task_ids @> ARRAY[task]) THEN
                    RETURN NULL;
                END IF;
                UPDATE training_store_state SET generation = generation + 1 RETURNING generation INTO changed_generation;
                INSERT INTO training_item_changes (generation, id)
                SELECT changed_generation, id FROM training_items WHERE task_ids @> ARRAY[task];
                RETURN NULL;
            END
            $$
            """),
        PostgresQuery("""
            CREATE TRIGGER data_pipeline_tasks_training_owners
            AFTER INSERT OR DELETE OR UPDATE OF db_name ON data_pipeline_tasks
            FOR EACH ROW EXECUTE FUNCTION dp_training_owner_task_changed()
            """),
    ])
}
