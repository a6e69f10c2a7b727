import Foundation

/// Reads step 1's files back into a `TableDescription`: steps 2–4 work from the task directory's files only, which a
/// user may have downloaded, edited and uploaded again.
///
/// The `.ddl` decides the table: its name and kind, which columns exist and in what order, their types, `not null`,
/// defaults, key marks and the primary key. The `_detail.md` adds what only it carries — samples, enum values,
/// foreign-key targets, JSON/UUID notes — and its comments win over the DDL's when it has one: the document is the
/// file users edit most, and a comment changed there but not in the DDL should not be lost. A comment the document
/// lacks falls back to the DDL's. The document's flags (`[主键, 外键, 非空]`) repeat what the DDL states and are
/// not used to change it; a primary key is taken from the document only when the DDL names none at all.
///
/// What the files do not carry stays empty: `existingComment` (a file cannot tell a database comment from a
/// generated one), `estimatedRows`, `isSensitive` (sensitive columns have no samples in the files anyway).
public enum TableDocumentReader {
    /// One table from the text of its `.ddl` file and, when there is one, its `_detail.md`.
    public static func read(ddl: String, detail: String?) throws -> TableDescription {
        let file = try DDLFileParser.parse(ddl)
        let doc = detail.map { TableDocParser.parse($0, columnNames: file.columns.map(\.name)) }
        let names = ColumnNames(file.columns.map(\.name))

        let primaryKey = primaryKey(of: file, doc: doc, names: names)
        let foreignKeys = foreignKeys(of: file, doc: doc, names: names)
        let enumValues = (doc?.enumValues ?? [:]).reduce(into: [String: [String]]()) { result, entry in
            if let name = names.resolve(entry.key), !entry.value.isEmpty { result[name] = entry.value }
        }
        let jsonColumns = Set((doc?.jsonColumns ?? []).compactMap(names.resolve))
        let uuidColumns = Set((doc?.uuidColumns ?? []).compactMap(names.resolve))
        let docColumns = (doc?.columns ?? []).reduce(into: [String: TableDoc.Column]()) { result, column in
            if let name = names.resolve(column.name), result[name] == nil { result[name] = column }
        }

        let columns = file.columns.enumerated().map { offset, column in
            var category = ColumnCategory(ddlType: column.dataType)
            // A domain or user type says nothing by its name; the document's notes were written from the catalog.
            if category == .other, jsonColumns.contains(column.name) { category = .json }
            if category == .other, uuidColumns.contains(column.name) { category = .uuid }
            let documented = docColumns[column.name]
            return ColumnDescription(
                name: column.name, position: offset + 1, dataType: column.dataType, category: category,
                notNull: column.notNull, defaultValue: column.defaultValue,
                comment: documented?.comment ?? column.comment,
                isPrimaryKey: primaryKey.contains(column.name),
                isForeignKey: column.isForeignKeyMarked || foreignKeys.contains { $0.columns.contains(column.name) },
                samples: documented?.samples ?? [], enumValues: enumValues[column.name])
        }
        let displayName = TableDocFormatter.displayName(file.reference)
        return TableDescription(
            reference: file.reference, kind: file.kind,
            comment: doc?.tableComment(displayName: displayName) ?? file.tableComment,
            columns: columns, primaryKey: primaryKey, foreignKeys: foreignKeys)
    }

    /// The DDL's `primary key (…)` line, else its marked columns, else the document's `为主键` / `复合主键` notes,
    /// else the columns the document flags `主键`.
    private static func primaryKey(of file: DDLFile, doc: TableDoc?, names: ColumnNames) -> [String] {
        if let line = file.primaryKey { return line }
        let marked = file.columns.filter(\.isPrimaryKeyMarked).map(\.name)
        if !marked.isEmpty { return marked }
        guard let doc else { return [] }
        let noted = doc.primaryKey.compactMap(names.resolve)
        if !noted.isEmpty, noted.count == doc.primaryKey.count { return noted }
        return doc.columns.filter { $0.flags.contains("主键") }.compactMap { names.resolve($0.name) }
    }

    /// Keys written as SQL in the DDL, then the document's `关联` notes for other columns. A note naming a column
    /// the DDL does not have (renamed or dropped there) is left out.
    private static func foreignKeys(of file: DDLFile, doc: TableDoc?, names: ColumnNames) -> [ForeignKeyReference] {
        var keys = file.foreignKeys
        for key in doc?.foreignKeys ?? [] {
            let columns = key.columns.compactMap(names.resolve)
            guard columns.count == key.columns.count, !keys.contains(where: { $0.columns == columns }) else { continue }
            keys.append(ForeignKeyReference(columns: columns, target: key.target, targetColumns: key.targetColumns))
        }
        return keys
    }

    /// The DDL's column names, for matching the document's prose names: exactly, else ignoring case when only one
    /// column matches that way (a DDL typed without quotes folds `OrderNo` to `orderno`).
    private struct ColumnNames {
        let exact: Set<String>
        let folded: [String: [String]]

        init(_ names: [String]) {
            exact = Set(names)
            folded = Dictionary(grouping: names, by: { $0.lowercased() })
        }

        func resolve(_ name: String) -> String? {
            if exact.contains(name) { return name }
            if let candidates = folded[name.lowercased()], candidates.count == 1 { return candidates[0] }
            return nil
        }
    }
}
