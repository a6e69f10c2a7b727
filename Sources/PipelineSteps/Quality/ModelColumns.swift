import PipelineCore

/// The semantic model as the measures look it up: tables by name (without schema, lower-case, as a query names
/// them), each column's role and whether it adds up.
struct ModelColumns: Sendable {
    struct Column: Sendable {
        var role: ColumnRole
        var additive: Bool
    }

    /// QUALITY.md's business columns: what a question is about (not ids, audit, technical or sensitive columns).
    static let businessRoles: Set<ColumnRole> = [.dimension, .label, .measure, .time]

    private(set) var tables: [String: [String: Column]] = [:]
    private var names: [String: Set<String>] = [:]

    init(_ model: SemanticModel?) {
        for table in model?.tables ?? [] {
            var columns: [String: Column] = [:]
            for column in table.columns {
                columns[column.name.lowercased()] = Column(role: column.role, additive: column.measure?.additive ?? false)
            }
            tables[table.name.lowercased()] = columns
            names[table.name.lowercased()] = Set(columns.keys)
        }
    }

    func columnNames(_ table: String) -> Set<String> { names[table] ?? [] }

    func column(_ table: String, _ name: String) -> Column? { tables[table]?[name] }
}
