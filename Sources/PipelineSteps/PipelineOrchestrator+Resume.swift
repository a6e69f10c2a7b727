import Foundation
import PipelineCore

extension PipelineOrchestrator {
    /// A complete run queued again after its worker was lost: the steps this execution finished (their rows say
    /// `completed` and their `<step>_result.json` is there) keep their files and results; the run goes on at the
    /// first step that did not finish. Without a result file a finished step runs again, as it cannot be trusted.
    func resumedResults(_ plan: [StepName: StepStatus], attempt: Int) throws -> [String: JSONValue] {
        let statuses = try recorder.stepStatuses()
        var results: [String: JSONValue] = [:]
        for name in StepName.allCases where plan[name] == .pending && statuses[name] == .completed {
            guard let data = try? Data(contentsOf: context.directory.fileURL(SafeFileName("\(name.rawValue)_result.json")!)),
                  let result = try? JSONDecoder().decode(JSONValue.self, from: data) else { break }
            results[name.rawValue] = result
        }
        let next = StepName.allCases.first { plan[$0] == .pending && results[$0.rawValue] == nil }
        let kept = StepName.allCases.filter { results[$0.rawValue] != nil }.map(\.rawValue)
        context.log.warning("pipeline", "上一个执行进程失联，执行已重新排队（第 \(attempt) 次重试）："
            + (kept.isEmpty ? "" : "已完成的步骤 \(kept.joined(separator: ", ")) 保留，")
            + "从步骤 \(next?.rawValue ?? "-") 继续执行")
        return results
    }
}
