/// Functions refused by name, before any database is asked: their effect a rolled-back `READ ONLY` transaction
/// does not undo or does not stop (other sessions or databases, the server's files, session state on a pooled
/// connection, sleeping on a worker's connection), or they run SQL text that the gate never sees.
///
/// The first line only. `PostgresSQLValidator` then resolves every function a query calls in the business
/// database's `pg_proc` and refuses the volatile ones (user-defined functions included), except a short allow-list.
public enum SideEffectFunctions {
    static let names: Set<String> = [
        // Open their own connection: writes there escape this transaction's READ ONLY.
        "dblink", "dblink_exec", "dblink_open", "dblink_send_query", "dblink_connect", "dblink_connect_u",
        // Run SQL text that the gate never sees.
        "query_to_xml", "query_to_xmlschema", "query_to_xml_and_xmlschema", "cursor_to_xml", "table_to_xml",
        "database_to_xml", "schema_to_xml",
        // Advisory locks: session-level ones outlive the rollback and stay with the pooled connection.
        "pg_advisory_lock", "pg_advisory_lock_shared", "pg_try_advisory_lock", "pg_try_advisory_lock_shared",
        "pg_advisory_xact_lock", "pg_advisory_xact_lock_shared", "pg_try_advisory_xact_lock",
        "pg_try_advisory_xact_lock_shared", "pg_advisory_unlock", "pg_advisory_unlock_shared", "pg_advisory_unlock_all",
        // Hold a connection for as long as asked.
        "pg_sleep", "pg_sleep_for", "pg_sleep_until",
        // Session settings (a `false` third argument outlives the transaction), notifications, sequences.
        "set_config", "pg_notify", "nextval", "setval",
        // Server files and large objects.
        "lo_import", "lo_export", "lo_create", "lo_creat", "lo_unlink", "lo_put", "lo_from_bytea", "lo_open",
        "lowrite", "lo_truncate", "pg_read_file", "pg_read_binary_file", "pg_ls_dir", "pg_stat_file",
        "pg_file_write", "pg_file_rename", "pg_file_unlink",
        // Other sessions and the server itself.
        "pg_terminate_backend", "pg_cancel_backend", "pg_reload_conf", "pg_rotate_logfile", "pg_promote",
        "pg_switch_wal", "pg_create_restore_point", "pg_create_physical_replication_slot",
        "pg_create_logical_replication_slot", "pg_drop_replication_slot", "pg_logical_emit_message",
        "pg_export_snapshot", "pg_stat_reset", "pg_stat_reset_shared", "pg_stat_reset_single_table_counters",
    ]

    /// Volatile functions a query may call all the same: they only compute a value (the validator's allow-list).
    public static let harmlessVolatile: Set<String> = [
        "random", "clock_timestamp", "timeofday", "gen_random_uuid", "uuid_generate_v4",
    ]
}
