/// Key facts the formatters read the same way.
extension TableDescription {
    var isView: Bool { kind == .view || kind == .materializedView }

    /// `primaryKey`, or the columns flagged as primary key when the list is empty.
    var primaryKeyColumns: [String] {
        primaryKey.isEmpty ? columns.filter(\.isPrimaryKey).map(\.name) : primaryKey
    }

    func isForeignKey(_ column: ColumnDescription) -> Bool {
        column.isForeignKey || foreignKeys.contains { $0.columns.contains(column.name) }
    }
}
