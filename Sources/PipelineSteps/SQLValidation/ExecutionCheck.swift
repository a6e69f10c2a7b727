import PipelineCore

/// Step 3's execution check (docs/execution-check.md): every pair whose SQL is valid in the end is run read-only
/// (`SQLExecutor`: gate, rolled-back `READ ONLY` transaction, statement timeout, outer `LIMIT`) and classified by
/// `SQLExecutionClassifier`; in `filter` mode the pairs that are not `ok` are marked to leave the pair file.
struct ExecutionCheck {
    let executor: SQLExecutor
    let mode: SQLExecutionCheckMode
    let maxConcurrency: Int
    let step: StepName

    func run(_ records: inout [SQLValidationRecord], context: StepContext) throws {
        guard mode != .off else { return }
        let checked = records.indices.filter { records[$0].finallyValid && !records[$0].malformed }
        let sqls = checked.map { records[$0].finalSQL }
        context.log.info(step.rawValue, "开始执行检查 \(sqls.count) 个SQL（只读执行，每个最多取 \(SQLExecutionClassifier.rowLimit) 行，模式 \(mode.rawValue)）")
        let outcomes = BoundedConcurrency.map(sqls, maxConcurrency: maxConcurrency) { @Sendable sql in
            guard !context.cancellation.isCancelled else { return Result<SQLExecution, Error>.failure(ExecutionCancelled()) }
            return Result { try executor.execute(sql, rowLimit: SQLExecutionClassifier.rowLimit) }
        }
        for (index, outcome) in zip(checked, outcomes) {
            let execution: SQLExecution
            switch outcome {
            case .failure(let error as ExecutionCancelled): throw error
            case .failure(let error):
                throw StepFailure("无法连接到数据库，SQL执行检查中止: \(PipelineOrchestrator.message(for: error))")
            case .success(let value): execution = value
            }
            let (kind, reason) = SQLExecutionClassifier.classify(sql: records[index].finalSQL, execution)
            records[index].execution = kind
            records[index].executionReason = reason
            if case .rows(let sample) = execution { records[index].sample = sample }
            records[index].filtered = mode == .filter && kind != .ok
            let action = records[index].filtered ? "，移出问题对文件" : ""
            context.log.write(.debug, step.rawValue, "执行检查 第\(records[index].index)个: \(kind.rawValue)\(reason.map { "（\($0)）" } ?? "")\(action)\n  问题: \(records[index].question)")
        }
    }
}
