import Foundation
import PipelineCore
import XCTest
@testable import PipelineAPI

/// A remembered envelope is only ever what rendering the same value at the time of the request would give.
final class EnvelopeMemoTests: XCTestCase {
    private let first = Date(timeIntervalSince1970: 1_767_600_000.123456)
    private let later = Date(timeIntervalSince1970: 1_767_600_042.654321)

    func testReusedEnvelopeCarriesTheTimestampOfTheLaterRequest() {
        let memo = EnvelopeMemo<TaskID, PipelineTask>(capacity: 4)
        var renders = 0
        let render = { (now: Date) in { (task: PipelineTask) -> RenderedEnvelope in
            renders += 1
            return Envelope.rendered(TaskStatusPayload(task), response: "获取任务状态成功", now: now)
        } }
        _ = memo.response(for: task().id, value: task(), now: first, render: render(first))
        let reused = memo.response(for: task().id, value: task(), now: later, render: render(later))
        XCTAssertEqual(renders, 1)
        let fresh = Envelope.success(TaskStatusPayload(task()), response: "获取任务状态成功", now: later)
        XCTAssertEqual(String(decoding: reused.bodyBytes, as: UTF8.self), String(decoding: fresh.bodyBytes, as: UTF8.self))
        XCTAssertTrue(String(decoding: reused.bodyBytes, as: UTF8.self).contains(LocalTimestamp.iso(later)))
    }

    func testChangedValueIsRenderedAgain() {
        let memo = EnvelopeMemo<TaskID, PipelineTask>(capacity: 4)
        let render = { (task: PipelineTask) in Envelope.rendered(TaskStatusPayload(task), response: "r", now: self.first) }
        _ = memo.response(for: task().id, value: task(), now: first, render: render)
        var finished = task()
        finished.status = .completed
        finished.completedAt = first
        let answer = memo.response(for: finished.id, value: finished, now: first, render: render)
        let text = String(decoding: answer.bodyBytes, as: UTF8.self)
        XCTAssertTrue(text.contains(#""status":"completed""#), text)
    }

    func testFullMemoStartsOverInsteadOfGrowing() {
        let memo = EnvelopeMemo<Int, Int>(capacity: 2)
        var renders = 0
        let render = { (value: Int) -> RenderedEnvelope in
            renders += 1
            return RenderedEnvelope(status: 200, bytes: Array("\(value)".utf8), timestampRange: nil)
        }
        for key in 0..<3 { _ = memo.response(for: key, value: key, now: first, render: render) }
        _ = memo.response(for: 0, value: 0, now: first, render: render)
        XCTAssertEqual(renders, 4, "key 0 was dropped when the third key came in")
        _ = memo.response(for: 2, value: 2, now: first, render: render)
        XCTAssertEqual(renders, 4, "key 2 is still remembered")
    }

    private func task() -> PipelineTask {
        PipelineTask(id: TaskID("task_20260105_100000")!, name: "任务", status: .pending,
                     parameters: TaskParameters(dbConnection: "postgresql://u:p@db/x", businessContext: "b",
                                                tableListFile: "t", fileUploadMode: true),
                     dbName: "x", createdBy: "guest", createdAt: first,
                     steps: StepName.allCases.map { TaskStep(name: $0, status: .pending) })
    }
}
