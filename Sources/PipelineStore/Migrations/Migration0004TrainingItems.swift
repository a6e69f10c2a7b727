import Postgres

/// The training-data store (ARCHITECTURE.md §6 step 4, API.md §2.9) and its change counter.
///
/// * Vectors are `bytea` holding little-endian float32s, not `real[]`: the wrapper speaks the text protocol, and the
///   search index reloads every vector whenever the store changes. Hex (`encode(embedding, 'hex')`) decodes about
///   ten times faster than parsing a `real[]` literal float by float, is exact by construction, and is half the size
///   on the wire. The length check keeps a vector a whole number of floats; its dimension is recorded once in
///   `training_store_state` (the store refuses vectors of another model or dimension).
/// * `training_store_state` is one row: the embedding model and dimension of the stored vectors (NULL while none is
///   recorded) and `generation`, bumped by statement-level triggers whenever a statement changed rows of
///   `training_items` (transition tables tell whether it did, so re-loading an unchanged set keeps search caches
///   warm). Readers compare one small row instead of watching the table.
/// * Writers lock the state row first (`SELECT … FOR UPDATE`), so writes are serialised and the model check and the
///   triggers' counter update cannot deadlock against each other.
enum Migration0004TrainingItems {
    static let migration = Migration(version: 4, name: "training items", statements: [
        PostgresQuery("""
            CREATE TABLE training_items (
                id                 text        PRIMARY KEY,
                training_data_type text        NOT NULL
                    CHECK (training_data_type IN ('sql', 'ddl', 'documentation', 'error_sql')),
                question           text,
                content            text        NOT NULL,
                tables             text[]      NOT NULL DEFAULT '{}',
                task_id            text,
                embedding_model    text        NOT NULL,
                embedding          bytea       NOT NULL
                    CHECK (octet_length(embedding) > 0 AND octet_length(embedding) % 4 = 0),
                created_at         timestamptz NOT NULL DEFAULT now()
            )
            """),
        PostgresQuery("CREATE INDEX training_items_task_idx ON training_items (task_id) WHERE task_id IS NOT NULL"),
        PostgresQuery("CREATE INDEX training_items_tables_idx ON training_items USING gin (tables)"),
        PostgresQuery("CREATE INDEX training_items_type_idx ON training_items (training_data_type, id)"),
        PostgresQuery("""
            CREATE TABLE training_store_state (
                singleton       boolean PRIMARY KEY DEFAULT true CHECK (singleton),
                generation      bigint  NOT NULL DEFAULT 0,
                embedding_model text,
                dimension       integer CHECK (dimension > 0),
                CHECK ((embedding_model IS NULL) = (dimension IS NULL))
            )
            """),
        PostgresQuery("INSERT INTO training_store_state DEFAULT VALUES"),
        // PL/pgSQL plans each statement when first reached, so the TRUNCATE branch never touches `changed_rows`
        // (TRUNCATE triggers have no transition table).
        PostgresQuery("""
            CREATE FUNCTION dp_training_items_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'TRUNCATE' THEN
                    UPDATE training_store_state SET generation = generation + 1;
                ELSIF EXISTS (SELECT 1 FROM changed_rows) THEN
                    UPDATE training_store_state SET generation = generation + 1;
                END IF;
                RETURN NULL;
            END
            $$
            """),
        PostgresQuery("""
            CREATE TRIGGER training_items_inserted AFTER INSERT ON training_items
            REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION dp_training_items_changed()
            """),
        PostgresQuery("""
            CREATE TRIGGER training_items_updated AFTER UPDATE ON training_items
            REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION dp_training_items_changed()
            """),
        PostgresQuery("""
            CREATE TRIGGER training_items_deleted AFTER DELETE ON training_items
            REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION dp_training_items_changed()
            """),
        PostgresQuery("""
            CREATE TRIGGER training_items_truncated AFTER TRUNCATE ON training_items
            FOR EACH STATEMENT EXECUTE FUNCTION dp_training_items_changed()
            """),
    ])
}
