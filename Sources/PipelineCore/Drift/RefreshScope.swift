/// What a refresh (`execution_mode: "refresh"`) redoes, decided from the drift comparison's changes: the documented
/// tables that changed (re-documented), the tables that appeared (documented for the first time and added to the
/// table list) and the tables that are gone (their files and items removed). Every other documented table is left
/// as it is, its files byte for byte. Pure.
public struct RefreshScope: Sendable, Equatable {
    /// Why one table is redone: the changes that concern it, in the comparison's order.
    public struct TableReason: Sendable, Equatable {
        public var table: TableReference
        public var changes: [SchemaChange]

        public init(table: TableReference, changes: [SchemaChange]) {
            self.table = table
            self.changes = changes
        }
    }

    /// Documented tables whose structure, comments, values or relationships changed.
    public var changed: [TableReason]
    /// Tables the comparison reports as added (listed-and-now-existing, or new in a listed schema).
    public var added: [TableReason]
    /// Documented tables that no longer exist.
    public var gone: [TableReason]
    /// Documented tables left untouched.
    public var unchanged: [TableReference]

    /// Changed and added tables: the ones documented now.
    public var redone: [TableReference] { (changed + added).map(\.table) }
    /// Every table whose pairs are regenerated or whose items are replaced.
    public var touched: Set<TableReference> { Set((changed + added + gone).map(\.table)) }
    public var isEmpty: Bool { changed.isEmpty && added.isEmpty && gone.isEmpty }

    public init(changed: [TableReason], added: [TableReason], gone: [TableReason], unchanged: [TableReference]) {
        self.changed = changed
        self.added = added
        self.gone = gone
        self.unchanged = unchanged
    }

    /// Groups `changes` by table. A change names its table as a table list writes it (`schema.table`); an added
    /// table that does not parse as a name is left out (the catalog only reports real tables, so it does not happen).
    public init(documented: [TableDescription], changes: [SchemaChange]) {
        let byName = Dictionary(documented.map { ($0.reference.description, $0.reference) }, uniquingKeysWith: { first, _ in first })
        var order: [TableReference] = []
        var grouped: [TableReference: [SchemaChange]] = [:]
        var gone = Set<TableReference>()
        var added = Set<TableReference>()
        for change in changes {
            let reference: TableReference
            if let known = byName[change.table] {
                reference = known
            } else if let name = TableName(change.table) {
                reference = TableReference(schema: name.schema, name: name.table)
            } else {
                continue
            }
            if grouped[reference] == nil { order.append(reference) }
            grouped[reference, default: []].append(change)
            if change.kind == .tableGone { gone.insert(reference) }
            if change.kind == .tableAdded { added.insert(reference) }
        }
        func reasons(_ filter: (TableReference) -> Bool) -> [TableReason] {
            order.filter(filter).map { TableReason(table: $0, changes: grouped[$0] ?? []) }
        }
        self.init(changed: reasons { !gone.contains($0) && !added.contains($0) },
                  added: reasons { added.contains($0) }, gone: reasons { gone.contains($0) },
                  unchanged: documented.map(\.reference).filter { grouped[$0] == nil })
    }
}
