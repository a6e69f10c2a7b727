import Postgres

/// The business database an item documents (`db_name`), so search can be limited to one database.
///
/// Step 4 fills it from its task's `db_name`; items stored before this migration keep NULL. Search scopes an item by
/// the databases of the tasks that own it (`task_ids` joined to `data_pipeline_tasks.db_name`) and falls back to
/// this column for items no task owns (API-created ones), so an item two databases share (same content, one id)
/// belongs to both. Never a host, port or password: only the name.
enum Migration0007TrainingItemDatabase {
    static let migration = Migration(version: 7, name: "training item database", statements: [
        PostgresQuery("ALTER TABLE training_items ADD COLUMN db_name text"),
    ])
}
