/// Names of bookkeeping columns: row versions, who and when created, changed or deleted a row, soft-delete marks
/// and load stamps. They carry no business meaning, so they are never listed as enumerations (a `version` of 1 and
/// 2 or a `created_by` of `admin` is not a business category).
public enum AuditColumnName {
    /// Whether the column name (any case, snake or camel case) names an audit or technical column.
    public static func matches(_ name: String) -> Bool {
        let words = words(of: name)
        guard !words.isEmpty else { return false }
        if exact.contains(words.joined(separator: "_")) { return true }
        // `<create|update|delete…>_<ts|time|at|by|user…>`, optionally after `gmt`/`last`/`is`.
        var rest = words[...]
        if let first = rest.first, ["gmt", "last", "is", "sys"].contains(first), rest.count > 1 { rest = rest.dropFirst() }
        guard rest.count == 2, let action = rest.first, let stamp = rest.last else { return false }
        return actions.contains(action) && stamps.contains(stamp)
    }

    private static let exact: Set<String> = [
        "version", "revision", "row_version", "rowversion", "lock_version", "opt_lock", "optlock", "record_version",
        "data_version", "deleted", "is_deleted", "is_delete", "is_del", "del_flag", "delete_flag", "deleted_flag",
        "creator", "modifier", "updater", "operator_by", "etl_time", "etl_date", "etl_ts", "load_time", "load_ts",
        "loaded_at", "sync_time", "synced_at", "dw_insert_time", "dw_update_time", "create_ts", "update_ts",
        "delete_ts", "gmt_create", "gmt_modified", "gmt_update", "gmt_modify", "isdel", "isdeleted", "delflag",
        "createtime", "updatetime", "modifytime", "createby", "updateby", "createuser", "updateuser", "createdate",
    ]
    private static let actions: Set<String> = ["create", "created", "creation", "update", "updated", "modify",
                                               "modified", "delete", "deleted", "del", "insert", "inserted", "crt",
                                               "upd", "edit", "edited", "change", "changed"]
    private static let stamps: Set<String> = ["ts", "time", "at", "on", "by", "user", "date", "dt", "timestamp",
                                              "stamp", "tm", "flag", "uid", "name", "person", "operator", "emp"]

    /// Lower-case words split on `_` and camel-case humps.
    private static func words(of name: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in name {
            if character == "_" || character == " " || character == "-" {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                if character.isUppercase, let last = current.last, last.isLowercase {
                    words.append(current)
                    current = ""
                }
                current.append(character)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words.map { $0.lowercased() }
    }
}
