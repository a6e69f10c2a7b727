import Foundation
import PipelineCore

/// `GET …/tasks/{task_id}/quality`: the task's `quality_report.json` (docs/quality-report.md), written by the last
/// step of every execution, in the envelope as it is on disk.
struct QualityReportController {
    let store: TaskStore
    let directories: TaskDirectories
    let clock: @Sendable () -> Date
    static let fileName = SafeFileName("quality_report.json")!

    func report(_ context: RouteContext) throws -> HTTPResponse {
        let id = try context.taskID()
        try store.requireTaskExists(id)
        let url = directories.directory(id).fileURL(Self.fileName)
        guard let data = try? Data(contentsOf: url) else {
            throw APIError.notFound("任务 \(id.rawValue) 还没有质量报告：执行任意步骤后生成（\(Self.fileName.rawValue)）")
        }
        // A file a user uploaded under that name may be anything: say so rather than fail.
        guard let report = try? JSONDecoder().decode(JSONValue.self, from: data), case .object = report else {
            throw APIError(.conflict, "质量报告文件 \(Self.fileName.rawValue) 不是有效的JSON对象，请重新执行任务以重新生成")
        }
        return Envelope.success(QualityPayload(taskId: id.rawValue, quality: report), response: "获取质量报告成功", now: clock())
    }
}

struct QualityPayload: JSONObjectWritable {
    var taskId: String
    var quality: JSONValue

    /// Members in key order, as `JSONBuffer` requires (the envelope's keys are sorted).
    func writeMembers(to json: inout JSONBuffer) throws {
        try json.member("quality") { try $0.value(quality) }
        json.member("task_id", taskId)
    }
}
