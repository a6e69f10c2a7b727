import PipelineCore

/// The semantic model's facts a model needs to write good SQL, appended to the table documents of theme and pair
/// prompts: table kind and grain, how each measure aggregates (and its unit and synonyms), dimension values, time
/// ranges, and relationships (declared or inferred, with confidence). Nothing when the task has no model.
enum PromptSemanticNotes {
    static let maxValues = 8

    static func notes(_ tables: [TableDescription], model: SemanticModel?) -> String {
        guard let model else { return "" }
        let shown = Set(tables.map(\.reference))
        var blocks: [String] = []
        for table in model.tables where shown.contains(table.reference) {
            var lines = ["### 语义说明：\(table.reference.documentName)（\(kindName(table.kind))，\(table.grain)）"]
            let measures = table.columns.compactMap { column -> String? in
                guard column.role == .measure, let measure = column.measure else { return nil }
                var text = "\(column.name)（\(column.label)，聚合 \(measure.aggregation.rawValue)"
                if let unit = measure.unit { text += "，单位 \(unit)" }
                if !measure.synonyms.isEmpty { text += "，同义词 \(measure.synonyms.joined(separator: "/"))" }
                return text + "）"
            }
            if !measures.isEmpty { lines.append("- 度量：" + measures.joined(separator: "；")) }
            let dimensions = table.columns.compactMap { column -> String? in
                guard column.role == .dimension else { return nil }
                let values = column.dimension?.values.prefix(maxValues).map { value in
                    column.dimension?.meanings[value].map { "\(value)=\($0)" } ?? value
                } ?? []
                return values.isEmpty ? column.name : "\(column.name)（\(values.joined(separator: "、"))）"
            }
            if !dimensions.isEmpty { lines.append("- 维度：" + dimensions.joined(separator: "；")) }
            let times = table.columns.compactMap { column -> String? in
                guard column.role == .time, let time = column.time else { return nil }
                guard let low = time.min, let high = time.max else { return column.name }
                return "\(column.name)（\(low) 至 \(high)）"
            }
            if !times.isEmpty { lines.append("- 时间：" + times.joined(separator: "；")) }
            for relationship in model.relationships where relationship.from.reference == table.reference {
                let source = relationship.source == .declared ? "外键" : "推断，置信度 \(relationship.confidence)"
                lines.append("- 关联：\(relationship.from.columns.joined(separator: ",")) → \(relationship.to.reference.documentName).\(relationship.to.columns.joined(separator: ","))（\(source)）")
            }
            blocks.append(lines.joined(separator: "\n"))
        }
        return blocks.isEmpty ? "" : "\n\n" + blocks.joined(separator: "\n\n")
    }

    static func kindName(_ kind: TableKind) -> String {
        switch kind {
        case .fact: "事实表"
        case .dimension: "维度表"
        case .bridge: "关联表"
        case .log: "日志表"
        case .other: "其他"
        }
    }
}
