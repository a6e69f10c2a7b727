import Foundation
import PipelineCore

extension PipelineOrchestrator {
    /// `execution_mode: "refresh"`: the four steps' refresh parts in order (docs/api.md §2.5). Step 1 compares the
    /// documents with the business database and re-documents only what changed; step 2 drops the pairs that no
    /// longer plan and generates pairs only for the analyses of changed tables; step 3 validates every pair; step 4
    /// loads, which replaces only the changed tables' items. The task's `result.refresh` says what was redone and why.
    func runRefresh() throws -> TaskStatus {
        let log = context.log
        log.info("pipeline", "增量刷新开始：比较业务数据库与任务文档，只重做变更的表")
        let plan = Self.completePlan(context.parameters)
        try recorder.prepareSteps(plan, now: context.clock())
        let state = RefreshState()
        var results: [String: JSONValue] = [:]
        for name in StepName.allCases where plan[name] == .pending {
            do {
                results[name.rawValue] = try runStep(name) { context in try self.refreshPart(name, context: context, state: state) }
            } catch {
                let message = Self.message(for: error)
                results["refresh"] = state.summary()
                QualityReportWriter.write(context, after: name)
                try recorder.finish(status: .failed, errorMessage: message, result: .object(results), now: context.clock())
                if error is ExecutionCancelled {
                    log.warning("pipeline", "增量刷新已取消: 在步骤 \(name.rawValue) 停止，之后的步骤未执行")
                } else {
                    log.error("pipeline", "增量刷新失败: \(message)")
                }
                return .failed
            }
        }
        results["refresh"] = state.summary()
        try ResultFiles.writeTaskResult(results, to: context.directory)
        QualityReportWriter.write(context, after: StepName.allCases.last { plan[$0] == .pending })
        try recorder.finish(status: .completed, errorMessage: nil, result: .object(results), now: context.clock())
        let scope = state.scope
        log.info("pipeline", "增量刷新完成: 变更表 \(scope.changed.count) 个，新增表 \(scope.added.count) 个，删除表 \(scope.gone.count) 个，未变更 \(scope.unchanged.count) 个；问题对移除 \(state.droppedPairs.count) 对，新增 \(state.pairsAdded) 对")
        return .completed
    }

    /// One step's part of a refresh; a step that has no refresh part of its own (validation) runs whole.
    private func refreshPart(_ name: StepName, context: StepContext, state: RefreshState) throws -> any StepResultSummary {
        switch (name, steps[name]) {
        case (.ddlGeneration, let step as DDLGenerationStep):
            return try step.refresh(context, into: state)
        case (.qaGeneration, let step as QAGenerationStep):
            guard let validation = steps[.sqlValidation] as? SQLValidationStep else {
                throw StepFailure("增量刷新需要SQL验证器，当前配置不支持")
            }
            let validator = validation.makeValidator(context.parameters.dbConnection)
            defer { validator.close() }
            return try step.refresh(context, into: state, validator: validator, maxConcurrency: validation.options.maxConcurrency)
        case (.trainingLoad, let step as TrainingLoadStep):
            return try step.refresh(context, into: state)
        case (_, let step?):
            return try step.run(context)
        case (_, nil):
            throw StepFailure("该步骤尚未实现: \(name.rawValue)")
        }
    }
}
