import Foundation

/// The `语义说明：` section of a table's `_detail.md`: what the semantic model says about the table, in the words a
/// reader (and a model reading the document) needs — the kind and grain, how each measure adds up, the values and
/// code meanings of dimensions, the data range of time columns, and the relationships, declared or inferred with
/// their evidence. Derived from `semantic_model.json` and written by step 1; reading a document back ignores the
/// section (the model file is what a user edits), so the `.ddl`/`_detail.md` round trip is unchanged.
public enum SemanticNotes {
    public static let sectionTitle = "语义说明"
    /// Dimension values and code meanings listed at most.
    static let valuesListed = 12

    /// The section's lines (without its title); empty when the model does not know the table.
    public static func lines(for reference: TableReference, in model: SemanticModel) -> [String] {
        guard let table = model.table(reference) else { return [] }
        var lines = [tableLine(table)]
        if let deleted = table.softDeleteColumn {
            lines.append("- 软删除：\(CommentText.singleLine(deleted)) 标记已删除的行，统计时应排除")
        }
        let roles = table.columns.map { "\(CommentText.singleLine($0.name)) \(roleName($0.role))" }
        if !roles.isEmpty { lines.append("- 字段角色：" + roles.joined(separator: "；")) }
        for column in table.columns {
            if let measure = column.measure { lines.append(measureLine(column, measure)) }
            if let dimension = column.dimension, let line = dimensionLine(column, dimension) { lines.append(line) }
            if let time = column.time { lines.append(timeLine(column, time)) }
        }
        for relationship in model.relationships where relationship.from.reference == reference || relationship.to.reference == reference {
            lines.append(relationshipLine(relationship))
        }
        return lines
    }

    static func kindName(_ kind: TableKind) -> String {
        switch kind {
        case .fact: return "事实表"
        case .dimension: return "维度表"
        case .bridge: return "关联表"
        case .log: return "日志表"
        case .other: return "其他表"
        }
    }

    static func roleName(_ role: ColumnRole) -> String {
        switch role {
        case .time: return "时间"
        case .dimension: return "维度"
        case .label: return "名称"
        case .measure: return "度量"
        case .identifier: return "标识"
        case .foreignKey: return "外键"
        case .audit: return "审计"
        case .sensitive: return "敏感"
        case .freeText: return "文本"
        }
    }

    private static func tableLine(_ table: SemanticTable) -> String {
        var parts = ["\(kindName(table.kind))（\(CommentText.singleLine(table.chineseName))）"]
        if !table.grain.isEmpty { parts.append("粒度：\(CommentText.singleLine(table.grain))") }
        if let rows = table.estimatedRows, rows >= 0 { parts.append("约 \(rows) 行") }
        return "- 表类型：" + parts.joined(separator: "，")
    }

    private static func measureLine(_ column: SemanticColumn, _ measure: MeasureSemantics) -> String {
        var line = "- 度量 \(named(column))：\(measure.additive ? "可累加" : "不可累加")，汇总用 \(measure.aggregation.rawValue)"
        if let unit = measure.unit { line += "，单位 \(unit)" }
        if !measure.synonyms.isEmpty { line += "，同义词 \(measure.synonyms.map(CommentText.singleLine).joined(separator: "、"))" }
        return line
    }

    private static func dimensionLine(_ column: SemanticColumn, _ dimension: DimensionSemantics) -> String? {
        var parts: [String] = []
        if let cardinality = dimension.cardinality, cardinality > 0 { parts.append("约 \(cardinality) 个取值") }
        if !dimension.meanings.isEmpty {
            let meanings = dimension.meanings.sorted { $0.key < $1.key }.prefix(valuesListed)
                .map { "\(CommentText.singleLine($0.key))=\(CommentText.singleLine($0.value))" }
            parts.append("编码含义 \(meanings.joined(separator: "、"))")
        } else if !dimension.values.isEmpty {
            let values = TableDocFormatter.displayValues(Array(dimension.values.prefix(valuesListed)))
            parts.append("取值 \(values.joined(separator: "、"))")
        }
        guard !parts.isEmpty else { return nil }
        return "- 维度 \(named(column))：" + parts.joined(separator: "，")
    }

    private static func timeLine(_ column: SemanticColumn, _ time: TimeSemantics) -> String {
        let granularity: String
        switch time.granularity {
        case .year: granularity = "按年"
        case .month: granularity = "按月"
        case .day: granularity = "按日"
        case .second: granularity = "精确到秒"
        }
        var line = "- 时间 \(named(column))：\(granularity)"
        if let min = time.min, let max = time.max { line += "，数据范围 \(min) 至 \(max)" }
        return line
    }

    private static func relationshipLine(_ relationship: SemanticRelationship) -> String {
        let from = end(relationship.from)
        let to = end(relationship.to)
        switch relationship.source {
        case .declared:
            return "- 关系（外键约束）：\(from) → \(to)"
        case .inferred:
            var evidence = "推断，置信度 \(String(format: "%.2f", relationship.confidence))"
            if let found = relationship.evidence {
                evidence += "，抽样 \(found.sampledValues) 个值命中 \(found.foundValues) 个"
            }
            return "- 关系（\(evidence)）：\(from) → \(to)"
        }
    }

    private static func end(_ end: RelationshipEnd) -> String {
        let table = TableDocFormatter.displayName(end.reference)
        let columns = end.columns.map(CommentText.singleLine)
        return columns.count == 1 ? "\(table).\(columns[0])" : "\(table)(\(columns.joined(separator: ", ")))"
    }

    private static func named(_ column: SemanticColumn) -> String {
        let name = CommentText.singleLine(column.name)
        let label = CommentText.singleLine(column.label)
        return label.isEmpty || label == name ? name : "\(name)（\(label)）"
    }
}
