import PipelineCore

/// The warnings of the quality report: things a user should act on, each pointing at the file to look at.
enum QualityWarnings {
    static func collect(model: SemanticModel?, coverage: CoverageReport?, validation: ValidationReportFile?,
                        measures: [String: QualityMeasure], pairFile: String?, retrievalStale: Bool) -> [QualityWarning] {
        var warnings: [QualityWarning] = []
        let modelFile = SemanticModelFile.fileName
        for table in coverage?.tables ?? [] where table.kind == TableKind.fact.rawValue && table.pairs.isEmpty {
            warnings.append(QualityWarning(kind: .factTableWithoutQuestion,
                                           message: "事实表 \(table.table)（\(table.chineseName)）没有任何问题对", file: modelFile,
                                           subject: table.table))
        }
        for table in coverage?.tables ?? [] {
            for column in table.columns where column.role == ColumnRole.measure.rawValue && column.pairs == 0 {
                warnings.append(QualityWarning(kind: .measureNeverUsed,
                                               message: "度量 \(table.table).\(column.name)（\(column.label)）没有被任何问题对使用",
                                               file: modelFile, subject: "\(table.table).\(column.name)"))
            }
        }
        for relationship in model?.relationships ?? [] where relationship.source == .inferred && relationship.confidence < 0.8 {
            warnings.append(QualityWarning(kind: .lowConfidenceRelationship,
                                           message: "推断的关联置信度较低（\(relationship.confidence)），请确认: \(relationship.id)",
                                           file: modelFile, subject: relationship.id))
        }
        for detail in validation?.details ?? [] {
            if detail.repairSuccessful {
                warnings.append(QualityWarning(kind: .pairRepairedByModel,
                                               message: "第\(detail.index)个问题对的SQL由模型修复，请核对: \(detail.question)",
                                               file: validation?.name, subject: "#\(detail.index)"))
            }
            if detail.filtered, detail.replacement == nil {
                warnings.append(QualityWarning(kind: .filteredPairNotReplaced,
                                               message: "第\(detail.index)个问题对执行检查未通过（\(detail.executionClass ?? "")）且没有替换: \(detail.question)",
                                               file: validation?.name, subject: "#\(detail.index)"))
            }
        }
        for (name, measure) in measures.sorted(by: { $0.key < $1.key }) where measure.ok == false {
            warnings.append(QualityWarning(kind: .measureFailed,
                                           message: "质量指标 \(name) 未达标: \(measure.detail)（目标 \(measure.goal)）",
                                           file: pairFile, subject: name))
        }
        if retrievalStale {
            warnings.append(QualityWarning(kind: .staleRetrievalTest,
                                           message: "检索自测早于当前问题对文件，请重新执行 training_load", file: pairFile,
                                           subject: "retrieval"))
        }
        return warnings
    }
}
