/// Identifier words: `serviceAreaId`, `service_area_id` and `SERVICE-AREA-ID` are all `service area id`.
public enum NameTokens {
    /// Lower-case words of a name, split at non-alphanumerics and lower→upper case changes; a run of CJK stays one.
    public static func tokens(_ name: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousWasLower = false
        for character in name {
            guard character.isLetter || character.isNumber else {
                if !current.isEmpty { words.append(current) }
                current = ""
                previousWasLower = false
                continue
            }
            if character.isUppercase, previousWasLower, !current.isEmpty {
                words.append(current)
                current = ""
            }
            current += character.lowercased()
            previousWasLower = character.isLowercase || character.isNumber
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// The word in singular form for matching table names (`companies` → `company`, `areas` → `area`).
    public static func singular(_ word: String) -> String {
        guard word.count > 3, word.allSatisfy(\.isASCII) else { return word }
        if word.hasSuffix("ies") { return String(word.dropLast(3)) + "y" }
        for ending in ["sses", "shes", "ches", "xes"] where word.hasSuffix(ending) { return String(word.dropLast(2)) }
        if word.hasSuffix("s"), !word.hasSuffix("ss"), !word.hasSuffix("us"), !word.hasSuffix("is") {
            return String(word.dropLast())
        }
        return word
    }

    /// Whether `words` contains `part` as a whole word (or, for `prefixOK`, a word starting with it).
    public static func contains(_ words: [String], anyOf parts: Set<String>) -> Bool {
        words.contains { parts.contains($0) }
    }
}

/// Bookkeeping columns with no business meaning, and soft-delete markers, by name.
public enum AuditColumns {
    public static let names: Set<String> = [
        "version", "create_ts", "created_by", "update_ts", "updated_by", "deleted_by", "create_by", "update_by",
        "creator", "modifier", "updater", "create_user", "update_user", "updated_at", "update_time",
        "modified_at", "modify_time", "last_modified", "row_version", "etl_time", "load_time", "loaded_at",
    ]

    public static let softDeleteNames: Set<String> = [
        "delete_ts", "deleted_at", "delete_time", "deleted_time", "delete_at", "deleted_on", "is_deleted", "deleted",
    ]

    public static func isAudit(_ column: ColumnDescription) -> Bool {
        names.contains(column.name.lowercased())
    }

    public static func isSoftDelete(_ column: ColumnDescription) -> Bool {
        guard softDeleteNames.contains(column.name.lowercased()) else { return false }
        return [.timestamp, .date, .boolean].contains(column.category)
    }
}

/// The Chinese noun for a table's rows (`服务区`, `营业日数据`), from its comment, else its name.
public enum TableEntityName {
    public static func of(_ table: TableDescription) -> String {
        var name = ChineseTableName.from(comment: table.comment) ?? table.reference.name
        if let range = name.range(of: "中的") { name = String(name[range.upperBound...]) }
        for suffix in ["基础信息表", "信息表", "视图", "表"] where name.hasSuffix(suffix) && name.count > suffix.count {
            name.removeLast(suffix.count)
            break
        }
        if name.isEmpty { name = table.reference.name }
        // Without a Chinese name, `t_2` of two schemas would read the same: name the schema too.
        if name == table.reference.name, table.reference.schema != "public" { name = "\(table.reference.schema).\(name)" }
        return name
    }

    /// The column's Chinese label: its comment's first clause, else its name.
    public static func label(_ column: ColumnDescription) -> String {
        guard let comment = CommentText.clean(column.comment) else { return column.name }
        let stops: Set<Character> = ["，", "。", "；", ",", ";", "(", "（", "：", ":", " "]
        let clause = String(comment.prefix { !stops.contains($0) })
        return clause.isEmpty ? column.name : String(clause.prefix(16))
    }
}
