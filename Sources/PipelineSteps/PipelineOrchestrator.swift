import Foundation
import PipelineCore
import PipelineWording

/// Runs one execution (complete, or one step): step rows, task status, result files and the task's `result`.
public final class PipelineOrchestrator {
    let steps: [StepName: any PipelineStep]
    let recorder: ExecutionRecorder
    let context: StepContext
    private static let logger = "pipeline"

    public init(steps: [any PipelineStep], recorder: ExecutionRecorder, context: StepContext) {
        self.steps = Dictionary(uniqueKeysWithValues: steps.map { ($0.name, $0) })
        self.recorder = recorder
        self.context = context
    }

    /// Runs the execution and returns the task's final status.
    /// `resumeAttempt` n > 0: the execution's worker was lost and it was queued again (`DP_RETRY_LOST_EXECUTIONS`);
    /// a complete run resumes at its first unfinished step, keeping the finished steps' files and results.
    public func run(mode: ExecutionMode, step: StepName?, resumeAttempt: Int = 0) throws -> TaskStatus {
        let log = context.log
        try TaskConfigFile.write(context)
        switch mode {
        case .complete:
            let plan = Self.completePlan(context.parameters)
            var results: [String: JSONValue] = [:]
            if resumeAttempt > 0 {
                results = try resumedResults(plan, attempt: resumeAttempt)
                try recorder.prepareSteps(plan.filter { results[$0.key.rawValue] == nil }, now: context.clock())
            } else {
                log.info(Self.logger, "完整工作流任务开始执行")
                try GeneratedFileBackup.moveGeneratedFiles(of: context.directory, now: context.clock(), log: log)
                try recorder.prepareSteps(plan, now: context.clock())
            }
            for name in StepName.allCases where plan[name] == .pending && results[name.rawValue] == nil {
                do {
                    results[name.rawValue] = try runStep(name)
                } catch {
                    let message = Self.message(for: error)
                    QualityReportWriter.write(context, after: name)
                    try recorder.finish(status: .failed, errorMessage: message, result: .object(results), now: context.clock())
                    // A cancel is what the user asked for: a warning in the log, not an error.
                    if error is ExecutionCancelled {
                        log.warning(Self.logger, "完整工作流已取消: 在步骤 \(name.rawValue) 停止，之后的步骤未执行")
                    } else {
                        log.error(Self.logger, "完整工作流执行失败: \(message)")
                    }
                    return .failed
                }
            }
            for name in StepName.allCases where plan[name] == .skipped {
                log.info(Self.logger, "跳过步骤（未启用）: \(name.rawValue)")
            }
            try ResultFiles.writeTaskResult(results, to: context.directory)
            QualityReportWriter.write(context, after: StepName.allCases.last { plan[$0] == .pending })
            try recorder.finish(status: .completed, errorMessage: nil, result: .object(results), now: context.clock())
            log.info(Self.logger, "完整工作流执行完成")
            return .completed
        case .step:
            guard let step else { throw StepFailure("步骤执行模式需要指定step_name") }
            if resumeAttempt > 0 {
                log.warning(Self.logger, "上一个执行进程失联，执行已重新排队（第 \(resumeAttempt) 次重试）：重新执行步骤 \(step.rawValue)")
            }
            var results = Self.objectFields(try recorder.storedResult())
            var errorMessage: String?
            do {
                results[step.rawValue] = try runStep(step)
            } catch {
                errorMessage = Self.message(for: error)
            }
            QualityReportWriter.write(context, after: step)
            let status = TaskStatus.derived(from: Array(try recorder.stepStatuses().values))
            try recorder.finish(status: status, errorMessage: errorMessage, result: .object(results), now: context.clock())
            log.info(Self.logger, "单步执行结束: \(step.rawValue)，任务状态: \(status.rawValue)")
            return status
        case .refresh:
            if resumeAttempt > 0 {
                log.warning(Self.logger, "上一个执行进程失联，执行已重新排队（第 \(resumeAttempt) 次重试）：增量刷新从头再做一次")
            }
            return try runRefresh()
        }
    }

    /// Runs one step (or `body` in its place: a refresh's part of it) inside its status bracket; rethrows after
    /// recording a failure.
    func runStep(_ name: StepName, body: ((StepContext) throws -> any StepResultSummary)? = nil) throws -> JSONValue {
        let log = context.log
        let now = context.clock()
        try context.cancellation.check()
        try recorder.stepStarted(name, stepExecutionID: "\(context.taskID)_step_\(name.rawValue)_exec_\(LocalTimestamp.compact(now))", now: now)
        log.info(name.rawValue, "开始执行步骤: \(name.rawValue)")
        do {
            guard let step = steps[name] else { throw StepFailure("该步骤尚未实现: \(name.rawValue)") }
            let result = try (body.map { try $0(context) } ?? step.run(context)).jsonValue()
            try ResultFiles.writeStepResult(result, step: name, to: context.directory)
            try recorder.stepFinished(name, status: .completed, errorMessage: nil, now: context.clock())
            context.progress.clear()
            log.info(name.rawValue, "步骤执行完成: \(name.rawValue)")
            return result
        } catch {
            let message = Self.message(for: error)
            context.progress.clear()
            try? recorder.stepFinished(name, status: .failed, errorMessage: message, now: context.clock())
            if error is ExecutionCancelled {
                log.warning(name.rawValue, "步骤已取消: \(name.rawValue)")
            } else {
                log.error(name.rawValue, "步骤执行失败: \(name.rawValue) - \(message)")
            }
            throw error
        }
    }

    /// Complete mode: steps disabled by the task's flags are `skipped`, the rest start `pending`.
    static func completePlan(_ parameters: TaskParameters) -> [StepName: StepStatus] {
        [
            .ddlGeneration: .pending,
            .qaGeneration: .pending,
            .sqlValidation: parameters.enableSQLValidation ? .pending : .skipped,
            .trainingLoad: parameters.enableTrainingDataLoad ? .pending : .skipped,
        ]
    }

    static func message(for error: Error) -> String {
        switch error {
        case is ExecutionCancelled: return ExecutionCancelled.message
        case let failure as StepFailure: return failure.message
        case let failure as PipelineError: return ReasonWording.stepFailure(failure)
        case let failure as TrainingStoreError: return failure.description
        default: return "步骤执行失败: \(type(of: error))"
        }
    }

    static func objectFields(_ value: JSONValue?) -> [String: JSONValue] {
        if case .object(let fields)? = value { return fields }
        return [:]
    }
}
