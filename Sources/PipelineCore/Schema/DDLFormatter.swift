/// Writes a table's `<base>.ddl` file (FORMATS.md §1).
///
/// Kept from the predecessor on purpose: the separating comma follows the `-- comment`, so it ends up inside the
/// comment. The file is documentation read as text by the chat app (which splits on `;`), not SQL to execute, and
/// its consumers already know this look.
public enum DDLFormatter {
    /// The character position where a column's `-- comment` starts (at least one space after the definition).
    public static let commentColumn = 30

    /// The whole file: header comments, `create table`, one line per column, the primary key, `);` and a newline.
    public static func format(_ table: TableDescription) -> String {
        var lines = headerLines(table)
        lines.append("create table \(table.reference.description) (")

        let primaryKey = table.isView ? [] : table.primaryKeyColumns
        var body = table.columns.map { columnLine($0, in: table, primaryKey: primaryKey) }
        if !primaryKey.isEmpty {
            body.append("  primary key (\(primaryKey.map(SQLIdentifier.display).joined(separator: ", ")))")
        }
        for index in body.indices.dropLast() {
            body[index] += ","
        }
        lines += body
        lines.append(");")
        return lines.joined(separator: "\n") + "\n"
    }

    static func headerLines(_ table: TableDescription) -> [String] {
        var lines: [String] = []
        switch table.kind {
        case .view: lines.append("-- 类型: 视图")
        case .materializedView: lines.append("-- 类型: 物化视图")
        case .table, .partitionedTable, .foreignTable: break
        }
        if let comment = CommentText.clean(table.comment), let name = ChineseTableName.from(comment: comment) {
            lines.append("-- 中文名: \(name)")
            lines.append("-- 描述: \(comment)")
        } else {
            lines.append("-- 中文名: \(CommentText.singleLine(table.reference.name))")
        }
        return lines
    }

    static func columnLine(_ column: ColumnDescription, in table: TableDescription, primaryKey: [String]) -> String {
        var definition = "  \(SQLIdentifier.display(column.name)) \(column.dataType)"
        if column.notNull { definition += " not null" }
        if let value = column.defaultValue.map(CommentText.singleLine), !value.isEmpty {
            definition += " default \(value)"
        }

        var commentParts: [String] = []
        if let comment = CommentText.clean(column.comment) { commentParts.append(comment) }
        if primaryKey.contains(column.name) { commentParts.append("主键") }
        if table.isForeignKey(column) { commentParts.append("外键") }
        guard !commentParts.isEmpty else { return definition }

        let padding = max(1, commentColumn - definition.count)
        return definition + String(repeating: " ", count: padding) + "-- " + commentParts.joined(separator: "，")
    }
}
