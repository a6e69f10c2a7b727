import Foundation

/// Functions whose effect a rolled-back `READ ONLY` transaction does not undo or does not stop: they reach other
/// sessions or databases, the server's files, or keep session state on a pooled connection.
///
/// `EXPLAIN` never runs them (volatile functions are not evaluated while planning), but a query that is executed
/// for real (`PostgresSQLValidator.executeReadOnly`) would. Incomplete by nature — a user-defined function can do
/// anything its owner allowed — it rejects the well-known ones a generated query has no business calling.
enum SideEffectFunctions {
    static let names: Set<String> = [
        // Open their own connection: writes there escape this transaction's READ ONLY.
        "dblink", "dblink_exec", "dblink_open", "dblink_send_query", "dblink_connect", "dblink_connect_u",
        // Run SQL text that the token rules never see.
        "query_to_xml", "query_to_xmlschema", "query_to_xml_and_xmlschema",
        // Session-level advisory locks outlive the rollback and stay with the pooled connection.
        "pg_advisory_lock", "pg_advisory_lock_shared", "pg_try_advisory_lock", "pg_try_advisory_lock_shared",
        // Server files.
        "lo_import", "lo_export", "pg_read_file", "pg_read_binary_file", "pg_ls_dir", "pg_stat_file",
        "pg_file_write", "pg_file_rename", "pg_file_unlink",
        // Other sessions and the server itself.
        "pg_terminate_backend", "pg_cancel_backend", "pg_reload_conf", "pg_rotate_logfile", "pg_promote",
        "pg_switch_wal", "pg_create_restore_point", "pg_create_physical_replication_slot",
        "pg_create_logical_replication_slot", "pg_drop_replication_slot",
    ]

    /// The function's name when `token` (followed by `(`) names one of them, unquoted in any case or quoted exactly.
    static func name(of token: SQLToken) -> String? {
        let name: String
        switch token.kind {
        case .word:
            name = token.keyword.lowercased()
        case .quotedIdentifier where token.text.hasPrefix("\""):
            name = String(token.text.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
        default:
            return nil
        }
        return names.contains(name) ? name : nil
    }
}
