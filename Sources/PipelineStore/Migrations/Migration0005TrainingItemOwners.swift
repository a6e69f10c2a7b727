import Postgres

/// Every task that loaded an item, not only the first (`task_ids`).
///
/// Two tasks on the same database produce many identical items (same content, same id). With one owner, a re-load
/// of the first task that no longer produced an item deleted it although the second task still had it. Now a
/// re-load releases only its own claim, and an item goes when no task claims it any more. `task_id` stays the first
/// loader still claiming it (what the API shows). A row trigger fills `task_ids` on insert, so every writer
/// (loads, API, restore) gets it right.
enum Migration0005TrainingItemOwners {
    static let migration = Migration(version: 5, name: "training item owners", statements: [
        PostgresQuery("ALTER TABLE training_items ADD COLUMN task_ids text[] NOT NULL DEFAULT '{}'"),
        PostgresQuery("UPDATE training_items SET task_ids = ARRAY[task_id] WHERE task_id IS NOT NULL"),
        PostgresQuery("CREATE INDEX training_items_task_ids_idx ON training_items USING gin (task_ids)"),
        PostgresQuery("""
            CREATE FUNCTION dp_training_items_owners() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.task_id IS NOT NULL AND NOT (NEW.task_id = ANY(NEW.task_ids)) THEN
                    NEW.task_ids := array_append(NEW.task_ids, NEW.task_id);
                END IF;
                RETURN NEW;
            END $$
            """),
        PostgresQuery("""
            CREATE TRIGGER training_items_owners BEFORE INSERT ON training_items
            FOR EACH ROW EXECUTE FUNCTION dp_training_items_owners()
            """),
    ])
}
