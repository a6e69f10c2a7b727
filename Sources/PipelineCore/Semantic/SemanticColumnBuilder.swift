/// The semantics of one column: role, and per role how it aggregates, what values it has, what range it covers.
struct SemanticColumnBuilder {
    let classifier: ColumnRoleClassifier
    let statistics: TableStatistics?
    let facts: SampledFacts?
    let estimatedRows: Int64?

    func column(_ column: ColumnDescription) -> SemanticColumn {
        let role = classifier.role(of: column)
        var semantic = SemanticColumn(name: column.name, dataType: column.dataType, label: TableEntityName.label(column), role: role)
        switch role {
        case .measure: semantic.measure = MeasureLexicon.describe(column)
        case .dimension: semantic.dimension = dimension(column)
        case .time: semantic.time = time(column)
        default: break
        }
        return semantic
    }

    func dimension(_ column: ColumnDescription) -> DimensionSemantics {
        let stats = statistics?.columns[column.name]
        let checks = statistics?.checkConstraints ?? []
        var values = statistics?.enumLabels[column.name] ?? column.enumValues ?? []
        if values.isEmpty { values = CodeMeanings.allowedValues(column: column.name, checks: checks) }
        if values.isEmpty, let stats, stats.mostCommonValues.count <= 20 { values = stats.mostCommonValues }
        if column.category == .boolean, values.isEmpty { values = ["true", "false"] }
        var meanings = CodeMeanings.fromComment(column.comment)
        // A meaning is only kept for a value the column can have, when its values are known.
        if !values.isEmpty, meanings.keys.contains(where: values.contains) {
            meanings = meanings.filter { values.contains($0.key) }
        }
        let cardinality = stats?.distinctCount(rows: estimatedRows) ?? (values.isEmpty ? nil : Int64(values.count))
        return DimensionSemantics(cardinality: cardinality, values: values, meanings: meanings)
    }

    func time(_ column: ColumnDescription) -> TimeSemantics {
        let granularity = ColumnRoleClassifier.granularity(of: column)
        if let range = facts?.timeRanges[column.name] {
            return TimeSemantics(granularity: granularity, min: range.min, max: range.max, rangeSource: "index")
        }
        guard let stats = statistics?.columns[column.name] else {
            return TimeSemantics(granularity: granularity, min: nil, max: nil, rangeSource: nil)
        }
        // ISO text of one type sorts like the values; the extremes are among the histogram bounds and the MCVs.
        let known = stats.mostCommonValues + [stats.histogramLow, stats.histogramHigh].compactMap { $0 }
        return TimeSemantics(granularity: granularity, min: known.min(), max: known.max(),
                             rangeSource: known.isEmpty ? nil : "statistics")
    }
}
