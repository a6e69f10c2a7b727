import PipelineCore

/// The execution check's part of step 3's outputs (docs/execution-check.md): counts per class in `result` and the
/// report's summary, and per pair its class, reason and a small sample of the rows.
enum ExecutionCheckReport {
    /// Rows and columns of the sample kept per pair, and the longest value shown.
    static let sampleRows = 3, sampleColumns = 8, valueLength = 60

    /// `execution_check` of `result`: the mode, how many pairs were run, the count per class and how many left the file.
    static func summary(_ records: [SQLValidationRecord], mode: SQLExecutionCheckMode) -> SQLValidationSummary.ExecutionCheck {
        var counts: [String: Int] = [:]
        for kind in SQLExecutionClass.allCases {
            counts[kind.rawValue] = records.filter { $0.execution == kind }.count
        }
        return SQLValidationSummary.ExecutionCheck(
            mode: mode.rawValue, checked: records.filter { $0.execution != nil }.count, classes: counts,
            filtered: records.filter(\.filtered).count, replaced: records.filter { $0.replacement != nil }.count)
    }

    /// `execution` of one detailed result; null when the pair was not run.
    static func detail(_ record: SQLValidationRecord) -> JSONValue {
        guard let kind = record.execution else { return .null }
        var fields: [String: JSONValue] = [
            "class": .string(kind.rawValue),
            "reason": record.executionReason.map(JSONValue.string) ?? .null,
            "filtered": .bool(record.filtered),
        ]
        if let replacement = record.replacement {
            fields["replaced_by"] = .object(["question": .string(replacement.question ?? ""), "sql": .string(replacement.sql ?? "")])
        }
        if let sample = record.sample {
            let width = min(sample.columns.count, sampleColumns)
            fields["row_count"] = .number(Double(sample.rows.count))
            fields["row_count_capped"] = .bool(sample.capped)
            fields["columns"] = .array(sample.columns.prefix(width).map(JSONValue.string))
            fields["sample_rows"] = .array(sample.rows.prefix(sampleRows).map { row in
                .array(row.prefix(width).map { $0.map { JSONValue.string(String($0.prefix(valueLength))) } ?? .null })
            })
        }
        return .object(fields)
    }

    /// The summary log's lines: counts per class, then each pair that is not `ok` with its reason.
    static func lines(_ records: [SQLValidationRecord], mode: SQLExecutionCheckMode) -> [String] {
        guard mode != .off else { return ["", "执行检查: 未开启"] }
        var lines = ["", "执行检查（模式 \(mode.rawValue)）:"]
        for kind in SQLExecutionClass.allCases {
            lines.append("  \(kind.rawValue): \(records.filter { $0.execution == kind }.count)")
        }
        lines.append("  移出问题对文件: \(records.filter(\.filtered).count)，其中替换: \(records.filter { $0.replacement != nil }.count)")
        let flagged = records.filter { $0.execution != nil && $0.execution != .ok }
        for (number, record) in flagged.enumerated() {
            lines.append("  \(number + 1). [\(record.execution!.rawValue)] \(record.question)")
            lines.append("     原因: \(record.executionReason ?? "")")
            lines.append("     SQL: \(record.finalSQL)")
        }
        return lines
    }
}
