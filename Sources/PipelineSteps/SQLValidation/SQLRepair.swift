import PipelineCore

/// One round of repair for the invalid SQLs: in batches to the LLM provider with the error and the documents of the
/// tables the SQL names; every proposal is validated like the original before it counts.
struct SQLRepair {
    let llm: LLMProvider
    let validator: SQLValidator
    let batchSize: Int
    let step: StepName

    func repair(_ records: inout [SQLValidationRecord], context: StepContext) {
        let failed = records.indices.filter { !records[$0].valid }
        let tables = (try? DocumentedTables.load(context, step: step)) ?? []
        context.log.info(step.rawValue, "开始修复 \(failed.count) 个无效SQL（\(llm.name)）")
        for start in stride(from: 0, to: failed.count, by: max(1, batchSize)) {
            guard !context.cancellation.isCancelled else { return }
            let batch = Array(failed[start..<min(start + max(1, batchSize), failed.count)])
            let items = batch.map { SQLRepairItem(question: records[$0].question, sql: records[$0].sql, error: records[$0].error ?? "") }
            let touched = tables.filter { table in items.contains { $0.sql.contains(table.reference.name) } }
            let answers: [String?]
            do {
                answers = try llm.repairSQL(SQLRepairRequest(items: items, tables: touched))
            } catch {
                for index in batch {
                    records[index].repairAttempted = true
                    records[index].repairError = "LLM修复失败: \(error)"
                }
                continue
            }
            for (position, index) in batch.enumerated() {
                records[index].repairAttempted = true
                let answer = position < answers.count ? answers[position] : nil
                apply(answer, to: &records[index], context: context)
            }
        }
    }

    private func apply(_ answer: String?, to record: inout SQLValidationRecord, context: StepContext) {
        guard var candidate = answer.map(CommentText.singleLine), !candidate.isEmpty else {
            record.repairError = "LLM未能修复（未返回修复结果）"
            return
        }
        if !candidate.hasSuffix(";") { candidate += ";" }
        guard ReadOnlySQL.normalized(candidate) != ReadOnlySQL.normalized(record.sql) else {
            record.repairError = "LLM返回的SQL与原SQL相同"
            return
        }
        do {
            let verdict = try validator.validate(candidate)
            if verdict.isValid {
                record.repairedSQL = candidate
                context.log.info(step.rawValue, "SQL修复成功: \(record.question)\n  修复后SQL: \(candidate)")
            } else {
                record.repairError = "修复后仍无效: \(verdict.error ?? "未知错误")"
            }
        } catch {
            record.repairError = "修复后验证失败: \(PipelineOrchestrator.message(for: error))"
        }
    }
}
