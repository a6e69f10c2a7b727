/// Writes a table's `<base>_detail.md` file (FORMATS.md §2).
public enum TableDocFormatter {
    /// Sample values shown for an ordinary column; enum-like columns show all their collected samples.
    public static let samplesShown = 2
    /// Characters kept of each sample or enum value.
    public static let valueLength = 50
    /// Enum values listed in `字段补充说明`.
    public static let enumValuesListed = 20

    /// The whole document: heading, table line, `字段列表：`, `字段补充说明：` when it has lines, `语义说明：` when
    /// `semanticNotes` has lines (`SemanticNotes`), and a final newline.
    public static func format(_ table: TableDescription, semanticNotes: [String] = []) -> String {
        let tableName = displayName(table.reference)
        let comment = CommentText.clean(table.comment)
        var lines = [
            "## \(tableName)（\(ChineseTableName.from(comment: comment) ?? "数据表")）",
            "\(tableName) 表\(comment ?? "")",
            "字段列表：",
        ]
        let primaryKey = table.isView ? [] : table.primaryKeyColumns
        lines += table.columns.map { columnLine($0, in: table, primaryKey: primaryKey) }

        let notes = noteLines(table, primaryKey: primaryKey)
        if !notes.isEmpty {
            lines.append("字段补充说明：")
            lines += notes
        }
        if !semanticNotes.isEmpty {
            lines.append(SemanticNotes.sectionTitle + "：")
            lines += semanticNotes
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `table` for the public schema, `schema.table` otherwise (as written, not quoted: this is prose).
    static func displayName(_ reference: TableReference) -> String {
        // Each part flattened on its own (a line break inside a name must not swallow the dot).
        let name = CommentText.singleLine(reference.name)
        return reference.schema == "public" ? name : "\(CommentText.singleLine(reference.schema)).\(name)"
    }

    static func columnLine(_ column: ColumnDescription, in table: TableDescription, primaryKey: [String]) -> String {
        var line = "- \(CommentText.singleLine(column.name)) (\(column.dataType))"
        if let comment = CommentText.clean(column.comment) { line += " - \(comment)" }

        var flags: [String] = []
        if primaryKey.contains(column.name) { flags.append("主键") }
        if table.isForeignKey(column) { flags.append("外键") }
        if column.notNull { flags.append("非空") }
        if !flags.isEmpty { line += " [\(flags.joined(separator: ", "))]" }

        let samples = shownSamples(column)
        if !samples.isEmpty { line += " [示例: \(samples.joined(separator: ", "))]" }
        return line
    }

    /// Two distinct samples, or all collected samples of an enum-like column; none for binary or sensitive columns.
    ///
    /// FORMATS.md §2's example shows `company_no` (an enum of nine values) with `[示例: H03, H02]`: the sample list
    /// of an enum column is its collected samples uncut, not its enum values (those are listed in the notes).
    static func shownSamples(_ column: ColumnDescription) -> [String] {
        guard !column.isSensitive, column.category != .binary else { return [] }
        let values = displayValues(column.samples)
        let isEnum = !(column.enumValues ?? []).isEmpty
        return isEnum ? values : Array(values.prefix(samplesShown))
    }

    static func noteLines(_ table: TableDescription, primaryKey: [String]) -> [String] {
        var notes: [String] = []
        if primaryKey.count == 1 {
            notes.append("- \(CommentText.singleLine(primaryKey[0])) 为主键")
        } else if primaryKey.count > 1 {
            notes.append("- 复合主键：\(primaryKey.map(CommentText.singleLine).joined(separator: ", "))")
        }
        for key in table.foreignKeys where !key.columns.isEmpty {
            let columns = key.columns.map(CommentText.singleLine).joined(separator: ", ")
            notes.append("- \(columns) 关联 \(foreignKeyTarget(key))")
        }
        for column in table.columns {
            let values = displayValues(Array((column.enumValues ?? []).prefix(enumValuesListed)))
            if !values.isEmpty, !column.isSensitive {
                notes.append("- \(CommentText.singleLine(column.name)) 为枚举字段，包含取值：\(values.joined(separator: "、"))")
            }
        }
        for column in table.columns where column.category == .json {
            notes.append("- \(CommentText.singleLine(column.name)) 存储JSON格式数据")
        }
        for column in table.columns where column.category == .uuid {
            notes.append("- \(CommentText.singleLine(column.name)) 使用 UUID 编码")
        }
        return notes
    }

    /// `t.id`, `schema.t.id`; a composite key as `t(a, b)`.
    static func foreignKeyTarget(_ key: ForeignKeyReference) -> String {
        let target = displayName(key.target)
        let columns = key.targetColumns.map(CommentText.singleLine)
        switch columns.count {
        case 0: return target
        case 1: return "\(target).\(columns[0])"
        default: return "\(target)(\(columns.joined(separator: ", ")))"
        }
    }

    /// Distinct values, each on one line and cut to `valueLength` characters; empty values left out.
    static func displayValues(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.compactMap { value in
            let shown = CommentText.prefix(CommentText.singleLine(value), limit: valueLength)
            guard !shown.isEmpty, seen.insert(shown).inserted else { return nil }
            return shown
        }
    }
}
