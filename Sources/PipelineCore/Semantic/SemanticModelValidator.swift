/// Checks a semantic model: its version, unique tables and columns, that every table and column exists in the
/// task's documents (when given), that role details match the role, and that relationships and join paths point
/// at tables and columns of the model.
struct SemanticModelValidator {
    let model: SemanticModel
    let documents: [TableDescription]?

    func validate() throws(SemanticModelProblem) {
        guard model.version == SemanticModel.currentVersion else {
            throw SemanticModelProblem(path: "$.version", problem: "不支持的版本 \(model.version)，当前版本为 \(SemanticModel.currentVersion)")
        }
        let documented = documents.map { tables in
            Dictionary(tables.map { ($0.reference, $0) }, uniquingKeysWith: { first, _ in first })
        }
        var seen = Set<TableReference>()
        for (index, table) in model.tables.enumerated() {
            let path = "$.tables[\(index)]"
            guard seen.insert(table.reference).inserted else {
                throw SemanticModelProblem(path: path, problem: "表 \(table.reference.documentName) 重复出现")
            }
            try validate(table, path: path, document: documented.map { $0[table.reference] })
        }
        try validateRelationships()
    }

    /// `document` is nil when no documents were given, `.some(nil)` when the table has none.
    private func validate(_ table: SemanticTable, path: String, document: TableDescription??) throws(SemanticModelProblem) {
        if case .some(.none) = document {
            throw SemanticModelProblem(path: path + ".name", problem: "表 \(table.reference.documentName) 不在任务的表结构文档（*.ddl）中")
        }
        let known = (document ?? nil).map { Set($0.columns.map(\.name)) }
        var names = Set<String>()
        for (index, column) in table.columns.enumerated() {
            let columnPath = "\(path).columns[\(index)]"
            guard names.insert(column.name).inserted else {
                throw SemanticModelProblem(path: columnPath + ".name", problem: "字段 \(column.name) 重复出现")
            }
            if let known, !known.contains(column.name) {
                throw SemanticModelProblem(path: columnPath + ".name", problem: "字段 \(column.name) 不存在于表 \(table.reference.documentName)")
            }
            if column.role == .measure, column.measure == nil {
                throw SemanticModelProblem(path: columnPath + ".measure", problem: "角色为 measure 的字段须有 measure（aggregation 等）")
            }
        }
        for (index, key) in table.primaryKey.enumerated() where !names.contains(key) {
            throw SemanticModelProblem(path: "\(path).primary_key[\(index)]", problem: "字段 \(key) 不存在于表 \(table.reference.documentName)")
        }
        if let softDelete = table.softDeleteColumn, !names.contains(softDelete) {
            throw SemanticModelProblem(path: path + ".soft_delete_column", problem: "字段 \(softDelete) 不存在于表 \(table.reference.documentName)")
        }
    }

    private func validateRelationships() throws(SemanticModelProblem) {
        let tables = Dictionary(model.tables.map { ($0.reference, $0) }, uniquingKeysWith: { first, _ in first })
        var ids = Set<String>()
        for (index, relationship) in model.relationships.enumerated() {
            let path = "$.relationships[\(index)]"
            for (side, end) in [("from", relationship.from), ("to", relationship.to)] {
                guard let table = tables[end.reference] else {
                    throw SemanticModelProblem(path: "\(path).\(side).table", problem: "表 \(end.reference.documentName) 不存在于语义模型中")
                }
                guard !end.columns.isEmpty else {
                    throw SemanticModelProblem(path: "\(path).\(side).columns", problem: "至少需要一个字段")
                }
                for (columnIndex, column) in end.columns.enumerated() where table.column(column) == nil {
                    throw SemanticModelProblem(path: "\(path).\(side).columns[\(columnIndex)]",
                                               problem: "字段 \(column) 不存在于表 \(end.reference.documentName)")
                }
            }
            guard relationship.from.columns.count == relationship.to.columns.count else {
                throw SemanticModelProblem(path: "\(path).to.columns", problem: "两端的字段数不一致")
            }
            guard (0...1).contains(relationship.confidence) else {
                throw SemanticModelProblem(path: "\(path).confidence", problem: "置信度应在 0 到 1 之间")
            }
            ids.insert(relationship.id)
        }
        for (index, path) in model.joinPaths.enumerated() {
            for (position, id) in path.relationships.enumerated() where !ids.contains(id) {
                throw SemanticModelProblem(path: "$.join_paths[\(index)].relationships[\(position)]", problem: "关系 \(id) 不存在于 relationships 中")
            }
        }
    }
}
