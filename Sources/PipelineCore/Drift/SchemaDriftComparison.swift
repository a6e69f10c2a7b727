/// Compares the documented tables (the task's `.ddl`/`_detail.md` files, read back by `TableDocumentReader`) and its
/// semantic model with the business database as it is now. Pure: every read happened before.
///
/// The files are the reference: a comment counts as changed only where the database has one and it differs from
/// the documented comment (a generated comment has no database comment to drift from); values are compared for the
/// columns whose values were documented, and only where the database still tells them (enum labels, statistics or
/// a bounded probe).
public struct SchemaDriftComparison {
    public let documented: [TableDescription]
    public let model: SemanticModel?
    /// The task's table list (a listed table that was missing and exists now counts as added).
    public let listed: [TableName]
    public let current: CurrentSchema

    public init(documented: [TableDescription], model: SemanticModel?, listed: [TableName], current: CurrentSchema) {
        self.documented = documented
        self.model = model
        self.listed = listed
        self.current = current
    }

    /// The changes, table by table in documented order, then added tables and relationships.
    public func changes() -> [SchemaChange] {
        let live = Dictionary(current.snapshot.tables.map { ($0.reference, $0) }, uniquingKeysWith: { first, _ in first })
        let modelTables = Dictionary((model?.tables ?? []).map { ($0.reference, $0) }, uniquingKeysWith: { first, _ in first })
        var changes: [SchemaChange] = []
        for table in documented {
            let name = table.reference.description
            guard let now = live[table.reference] else {
                changes.append(SchemaChange(kind: .tableGone, table: name, message: "表 \(name) 已不存在"))
                continue
            }
            changes += tableChanges(table, now: now, modelTable: modelTables[table.reference])
        }
        changes += addedTables()
        changes += relationshipChanges(live: live)
        return changes
    }

    private func tableChanges(_ table: TableDescription, now: TableDescription, modelTable: SemanticTable?) -> [SchemaChange] {
        let name = table.reference.description
        var changes: [SchemaChange] = []
        if let comment = now.existingComment, Self.normalized(comment) != Self.normalized(table.comment ?? "") {
            changes.append(SchemaChange(kind: .commentChanged, table: name, documented: table.comment, current: comment,
                                        message: "表 \(name) 的注释已改为“\(comment)”"))
        }
        let liveColumns = Dictionary(now.columns.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let documentedNames = Set(table.columns.map(\.name))
        for column in table.columns {
            guard let liveColumn = liveColumns[column.name] else {
                changes.append(SchemaChange(kind: .columnGone, table: name, column: column.name, documented: column.dataType,
                                            message: "列 \(name).\(column.name) 已不存在"))
                continue
            }
            changes += columnChanges(column, now: liveColumn, table: name, reference: table.reference,
                                     modelColumn: modelTable?.columns.first { $0.name == column.name })
        }
        for column in now.columns where !documentedNames.contains(column.name) {
            changes.append(SchemaChange(kind: .columnAdded, table: name, column: column.name,
                                        current: Self.spelling(column), message: "表 \(name) 新增列 \(column.name)（\(column.dataType)）"))
        }
        return changes
    }

    private func columnChanges(_ column: ColumnDescription, now: ColumnDescription, table: String,
                               reference: TableReference, modelColumn: SemanticColumn?) -> [SchemaChange] {
        var changes: [SchemaChange] = []
        let path = "\(table).\(column.name)"
        if Self.typeKey(column.dataType) != Self.typeKey(now.dataType) {
            changes.append(SchemaChange(kind: .columnRetyped, table: table, column: column.name, documented: column.dataType,
                                        current: now.dataType, message: "列 \(path) 的类型由 \(column.dataType) 改为 \(now.dataType)"))
        }
        // A primary-key column is not null whatever its DDL line says (the key implies it).
        let documentedNotNull = column.notNull || column.isPrimaryKey
        if documentedNotNull != now.notNull {
            changes.append(SchemaChange(
                kind: .nullabilityChanged, table: table, column: column.name,
                documented: documentedNotNull ? "not null" : "null", current: now.notNull ? "not null" : "null",
                message: now.notNull ? "列 \(path) 改为不允许为空" : "列 \(path) 改为允许为空"))
        }
        if let comment = now.existingComment, Self.normalized(comment) != Self.normalized(column.comment ?? "") {
            changes.append(SchemaChange(kind: .commentChanged, table: table, column: column.name, documented: column.comment,
                                        current: comment, message: "列 \(path) 的注释已改为“\(comment)”"))
        }
        let documentedValues = column.enumValues ?? modelColumn?.dimension?.values ?? []
        if !documentedValues.isEmpty, let values = current.values[reference]?[column.name] {
            let before = Set(documentedValues)
            let after = Set(values)
            for value in values where !before.contains(value) {
                changes.append(SchemaChange(kind: .valueAdded, table: table, column: column.name, current: value,
                                            message: "列 \(path) 出现新取值“\(value)”"))
            }
            for value in documentedValues where !after.contains(value) {
                changes.append(SchemaChange(kind: .valueGone, table: table, column: column.name, documented: value,
                                            message: "列 \(path) 的取值“\(value)”已不再出现"))
            }
        }
        return changes
    }

    /// Tables of the listed schemas that are not documented and either are in the table list or were created after
    /// every documented table: the tables of a schema that a task left out on purpose are not news.
    private func addedTables() -> [SchemaChange] {
        let documentedSet = Set(documented.map(\.reference))
        let listedKeys = Set(listed.map { "\($0.schema)\u{0}\($0.table)" })
        let listedLowered = Set(listed.map { "\($0.schema.lowercased())\u{0}\($0.table.lowercased())" })
        var seen = Set<TableReference>()
        var changes: [SchemaChange] = []
        for entry in current.schemaTables where !documentedSet.contains(entry.reference) {
            let key = "\(entry.reference.schema)\u{0}\(entry.reference.name)"
            let isListed = listedKeys.contains(key) || listedLowered.contains(key)
            guard isListed || entry.isNewerThanDocumented, seen.insert(entry.reference).inserted else { continue }
            let name = entry.reference.description
            changes.append(SchemaChange(kind: .tableAdded, table: name,
                                        message: isListed ? "表清单中的表 \(name) 现已存在，尚未生成文档" : "新增表 \(name)"))
        }
        return changes
    }

    /// Declared foreign keys now against the documents' keys and the model's relationships. A relationship of a
    /// table that is gone is not reported again; an inferred relationship is gone only when one of its columns is.
    private func relationshipChanges(live: [TableReference: TableDescription]) -> [SchemaChange] {
        let documentedRefs = Set(documented.map(\.reference))
        var documentedKeys: [String: (child: TableReference, columns: [String], declared: Bool)] = [:]
        for table in documented {
            for key in table.foreignKeys {
                documentedKeys[Self.key(table.reference, key.columns, key.target, key.targetColumns)] =
                    (table.reference, key.columns, true)
            }
        }
        for relationship in model?.relationships ?? [] {
            let key = Self.key(relationship.from.reference, relationship.from.columns, relationship.to.reference,
                               relationship.to.columns)
            if documentedKeys[key] == nil {
                documentedKeys[key] = (relationship.from.reference, relationship.from.columns, relationship.source == .declared)
            }
        }
        var liveKeys: Set<String> = []
        var changes: [SchemaChange] = []
        for table in documented {
            guard let now = live[table.reference] else { continue }
            for key in now.foreignKeys {
                let text = Self.key(now.reference, key.columns, key.target, key.targetColumns)
                liveKeys.insert(text)
                // Documented as declared or as inferred: no news (an inferred one now declared changes no join).
                if documentedKeys[text] == nil {
                    changes.append(SchemaChange(kind: .relationshipAdded, table: now.reference.description, relationship: text,
                                                message: "新增外键关系 \(text)"))
                }
            }
        }
        for (text, entry) in documentedKeys.sorted(by: { $0.key < $1.key }) where !liveKeys.contains(text) {
            guard documentedRefs.contains(entry.child), let now = live[entry.child] else { continue }
            let liveColumns = Set(now.columns.map(\.name))
            let columnGone = !entry.columns.allSatisfy(liveColumns.contains)
            guard entry.declared || columnGone else { continue }
            changes.append(SchemaChange(kind: .relationshipGone, table: entry.child.description, relationship: text,
                                        message: columnGone ? "关系 \(text) 的列已不存在" : "外键关系 \(text) 已不存在"))
        }
        return changes
    }

    static func key(_ child: TableReference, _ columns: [String], _ parent: TableReference, _ parentColumns: [String]) -> String {
        "\(child.documentName)(\(columns.joined(separator: ",")))->\(parent.documentName)(\(parentColumns.joined(separator: ",")))"
    }

    /// Type spellings compared without case and blanks (`VARCHAR(32)` in an edited DDL is `varchar(32)`).
    static func typeKey(_ type: String) -> String {
        type.lowercased().filter { !$0.isWhitespace }
    }

    /// Comments compared with runs of blanks collapsed (the document writes a comment on one line).
    static func normalized(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private static func spelling(_ column: ColumnDescription) -> String {
        column.notNull ? "\(column.dataType) not null" : column.dataType
    }
}
