import PipelineCore

/// One round of repair for the invalid SQLs: in batches to the LLM provider with the error and the documents of the
/// tables the SQL names; every proposal is validated like the original before it counts.
struct SQLRepair {
    let llm: LLMProvider
    let validator: SQLValidator
    let batchSize: Int
    let step: StepName

    func repair(_ records: inout [SQLValidationRecord], context: StepContext, maxConcurrency: Int) {
        let failed = records.indices.filter { !records[$0].valid && !records[$0].malformed }
        let tables = (try? DocumentedTables.load(context, step: step)) ?? []
        context.log.info(step.rawValue, "开始修复 \(failed.count) 个无效SQL（\(llm.name)，每批 \(batchSize) 个，并发 \(maxConcurrency)）")
        let size = max(1, batchSize)
        let batches = stride(from: 0, to: failed.count, by: size).map { start in
            failed[start..<min(start + size, failed.count)].map { records[$0] }
        }
        // Batches run concurrently (each is one model call plus re-validation); results go back by index.
        let repaired = BoundedConcurrency.map(batches, maxConcurrency: maxConcurrency) { @Sendable batch in
            self.repair(batch, tables: tables, context: context)
        }
        for record in repaired.joined() {
            records[record.index - 1] = record
        }
    }

    /// One batch: one call to the provider, then each proposal validated like the original.
    private func repair(_ batch: [SQLValidationRecord], tables: [TableDescription], context: StepContext) -> [SQLValidationRecord] {
        guard !context.cancellation.isCancelled else { return batch }
        var batch = batch
        let items = batch.map { SQLRepairItem(question: $0.question, sql: $0.sql, error: $0.error ?? "") }
        let answers: [String?]
        do {
            answers = try llm.repairSQL(SQLRepairRequest(items: items, tables: tables))
        } catch {
            for index in batch.indices {
                batch[index].repairAttempted = true
                batch[index].repairError = "LLM修复失败: \(error)"
            }
            return batch
        }
        for index in batch.indices {
            batch[index].repairAttempted = true
            apply(index < answers.count ? answers[index] : nil, to: &batch[index], context: context)
        }
        return batch
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
