import Foundation
import PipelineCore

/// Step 3's outputs (FORMATS.md §4): the human-readable summary log, the JSON report and the step result.
struct SQLValidationReport {
    let inputFile: String
    let records: [SQLValidationRecord]
    let modification: PairFileRewrite.Stats
    let duration: Double
    let time: Date
    let connection: String
    let options: SQLValidationOptions
    let parameters: TaskParameters

    var validCount: Int { records.filter(\.finallyValid).count }
    var repairAttempted: Int { records.filter(\.repairAttempted).count }
    var repairSuccessful: Int { records.filter(\.repaired).count }
    var successRate: Double { records.isEmpty ? 0 : Double(validCount) / Double(records.count) }
    var averageTime: Double { records.isEmpty ? 0 : records.map(\.executionTime).reduce(0, +) / Double(records.count) }
    var totalRetries: Int { records.map(\.retries).reduce(0, +) }

    func result() -> SQLValidationSummary {
        SQLValidationSummary(
            inputFile: inputFile, originalSQLCount: records.count, validSQLCount: validCount,
            invalidSQLCount: records.count - validCount, successRate: rounded(successRate, 4),
            repairStats: .init(attempted: repairAttempted, successful: repairSuccessful,
                               failed: repairAttempted - repairSuccessful),
            fileModificationStats: .init(modified: modification.modified, deleted: modification.deleted,
                                         failedModifications: modification.failedModifications),
            averageExecutionTime: rounded(averageTime, 4), totalRetries: totalRetries,
            executionCheck: ExecutionCheckReport.summary(records, mode: options.executionCheck),
            duration: rounded(duration, 2))
    }

    func summaryText() -> String {
        let separator = String(repeating: "=", count: 50)
        var lines = [
            "SQL验证报告", separator, "",
            "输入文件: \(inputFile)",
            "验证时间: \(LocalTimestamp.iso(time))",
            "验证耗时: \(String(format: "%.2f", duration))秒", "",
            "验证结果摘要:",
            "  总SQL数量: \(records.count)",
            "  有效SQL: \(validCount)",
            "  无效SQL: \(records.count - validCount)",
            "  成功率: \(String(format: "%.2f", successRate * 100))%",
            "  平均耗时: \(String(format: "%.3f", averageTime))秒",
            "  重试次数: \(totalRetries)", "",
            "SQL修复统计:",
            "  尝试修复: \(repairAttempted)",
            "  修复成功: \(repairSuccessful)",
            "  修复失败: \(repairAttempted - repairSuccessful)",
        ]
        if repairAttempted > 0 {
            lines.append("  修复成功率: \(String(format: "%.2f", Double(repairSuccessful) / Double(repairAttempted) * 100))%")
        }
        lines += ["", "原始文件修改统计:",
                  "  修改的SQL: \(modification.modified)",
                  "  删除的无效项: \(modification.deleted)",
                  "  修改失败: \(modification.failedModifications)"]
        lines += ExecutionCheckReport.lines(records, mode: options.executionCheck)
        let failed = records.filter { !$0.finallyValid }
        if !failed.isEmpty {
            lines += ["", "错误详情（共\(failed.count)个）:", separator, ""]
            for (number, record) in failed.enumerated() {
                lines.append("\(number + 1). 问题: \(record.question)")
                lines.append("   错误: \(record.error ?? "")")
                if record.retries > 0 { lines.append("   重试: \(record.retries)次") }
                if record.repairAttempted {
                    lines.append("   LLM修复尝试: 失败")
                    lines.append("   修复失败原因: \(record.repairError ?? "")")
                } else {
                    lines.append("   LLM修复尝试: 未尝试")
                }
                lines += ["   完整SQL:", "   \(record.sql)", "   " + String(repeating: "-", count: 40), ""]
            }
        }
        let repaired = records.filter(\.repaired)
        if !repaired.isEmpty {
            lines += ["", "成功修复的SQL（共\(repaired.count)个）:", separator, ""]
            for (number, record) in repaired.enumerated() {
                lines += ["\(number + 1). 问题: \(record.question)", "   原始错误: \(record.error ?? "")", "   修复后SQL:",
                          "   \(record.repairedSQL ?? "")", "   " + String(repeating: "-", count: 40), ""]
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func jsonReport() throws -> Data {
        let details: [JSONValue] = records.map { record in
            .object([
                "index": .number(Double(record.index)),
                "question": .string(record.question),
                "sql": .string(record.sql),
                "valid": .bool(record.valid),
                "malformed": .bool(record.malformed),
                "error_message": record.error.map(JSONValue.string) ?? .null,
                "execution_time": .number(rounded(record.executionTime, 4)),
                "retry_count": .number(Double(record.retries)),
                "repair_attempted": .bool(record.repairAttempted),
                "repair_successful": .bool(record.repaired),
                "repaired_sql": record.repairedSQL.map(JSONValue.string) ?? .null,
                "repair_error": record.repairError.map(JSONValue.string) ?? .null,
                "execution": ExecutionCheckReport.detail(record),
            ])
        }
        let document: JSONValue = .object([
            "metadata": .object([
                "input_file": .string(inputFile),
                "validation_time": .string(LocalTimestamp.iso(time)),
                "total_validation_time": .number(rounded(duration, 3)),
                "database_connection": .string(connection),
                "config": .object([
                    "max_concurrency": .number(Double(options.maxConcurrency)),
                    "repair_batch_size": .number(Double(options.repairBatchSize)),
                    "enable_llm_repair": .bool(parameters.enableLLMRepair),
                    "modify_original_file": .bool(parameters.modifyOriginalFile),
                    "execution_check": .string(options.executionCheck.rawValue),
                ]),
            ]),
            "summary": try result().jsonValue(),
            "detailed_results": .array(details),
        ])
        return try ResultFiles.encoder.encode(document)
    }

    private func rounded(_ value: Double, _ digits: Int) -> Double {
        let scale = pow(10, Double(digits))
        return (value * scale).rounded() / scale
    }
}
