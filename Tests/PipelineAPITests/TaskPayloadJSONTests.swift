import Foundation
import PipelineCore
import XCTest
@testable import PipelineAPI

/// The hand-written JSON of the polled payloads (`JSONObjectWritable`) must be byte for byte what `JSONEncoder`
/// writes for the same envelope: same keys, same order, same escapes, same numbers.
final class TaskPayloadJSONTests: XCTestCase {
    private let now = Date(timeIntervalSince1970: 1_767_600_000.123456)

    func testPendingTaskStatusIsByteIdenticalToJSONEncoder() {
        assertSameBytes(TaskStatusPayload(task()))
    }

    func testRunningTaskStatusWithCurrentStepAndProgressIsByteIdentical() {
        var running = task(status: .inProgress)
        running.startedAt = now.addingTimeInterval(-30)
        running.steps[0] = TaskStep(name: .ddlGeneration, status: .completed, executionID: "exec_1",
                                    startedAt: now.addingTimeInterval(-30), completedAt: now.addingTimeInterval(-20))
        running.steps[1] = TaskStep(name: .qaGeneration, status: .running, executionID: "exec_1",
                                    startedAt: now.addingTimeInterval(-20))
        running.progress = StepProgress(step: .qaGeneration, done: 3, total: 10)
        let payload = TaskStatusPayload(running)
        XCTAssertNotNil(payload.currentStep)
        assertSameBytes(payload)
    }

    func testQueuedTaskStatusWithItsPlaceIsByteIdentical() {
        let queued = task(status: .inProgress)
        let payload = TaskStatusPayload(queued, queue: QueuePlace(position: 3, queuedAt: now.addingTimeInterval(-5)))
        XCTAssertEqual(payload.queue?.position, 3)
        assertSameBytes(payload)
    }

    func testFinishedTaskStatusWithResultAndErrorsIsByteIdentical() {
        var finished = task(status: .partialCompleted)
        finished.completedAt = now
        finished.errorMessage = "步骤失败: \"sql_validation\"\n\tat C:\\tmp/x"
        finished.steps[2] = TaskStep(name: .sqlValidation, status: .failed, errorMessage: "超时\u{1}\u{1F}")
        finished.resultJSON = #"""
            {"ddl_generation":{"tables":12,"ratio":0.75,"big":12345678901234567,"neg":-3,"tiny":1e-7},
             "names":["a","表","\u0007"],"ok":true,"none":null,"Zeta":1,"ä":2,"z":{"b":[],"a":{}}}
            """#
        let payload = TaskStatusPayload(finished)
        XCTAssertNotNil(payload.result)
        assertSameBytes(payload)
    }

    func testEveryEscapeMatchesJSONEncoder() {
        var strange = task()
        strange.name = String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) })
            + "\"\\/ 中文 😀 \u{7F} \u{2028} é"
        strange.parameters.businessContext = "a/b\\c\"d"
        assertSameBytes(TaskStatusPayload(strange))
    }

    func testTaskWithoutNameOrDatesIsByteIdentical() {
        var bare = task()
        bare.name = nil
        assertSameBytes(TaskStatusPayload(bare))
    }

    func testTaskListIsByteIdenticalToJSONEncoder() {
        let pending = summary("task_20260105_100000", name: "任务 0", status: .pending, finished: nil)
        let unnamed = summary("task_20260105_100001", name: nil, status: .pending, finished: nil)
        let done = summary("task_20260105_100002", name: "业务\n上下文", status: .completed, finished: now)
        let summaries = [pending, unnamed, done]
        assertSameBytes(TaskListPayload(tasks: summaries.map(TaskListItem.init), total: 203, limit: 50, offset: 0))
    }

    func testEmptyTaskListIsByteIdentical() {
        assertSameBytes(TaskListPayload(tasks: [], total: 0, limit: 50, offset: 100))
    }

    func testLogTailIsByteIdenticalToJSONEncoder() {
        let entries = [
            LogEntry(timestamp: "2026-01-05 10:00:01", level: "INFO", logger: "ddl_generation",
                     message: "处理表 public.a: 完成\n  SQL: SELECT \"x\" FROM t;\ttab", lineNumber: 1),
            LogEntry(timestamp: "2026-01-05 10:00:02", level: "ERROR", logger: "qa_generation", message: "", lineNumber: 3),
        ]
        assertSameBytes(TaskLogsPayload(taskId: "task_20260105_100000", logs: entries.map(LogEntryItem.init),
                                        total: entries.count, hasMore: true))
        assertSameBytes(TaskLogsPayload(taskId: "task_20260105_100000", logs: [], total: 0, hasMore: false))
    }

    func testNonFiniteNumberGivesTheSame500AsJSONEncoder() {
        var broken = TaskStatusPayload(task())
        broken.result = .number(.infinity)
        let fast = Envelope.success(broken, response: "获取任务状态成功", now: now)
        XCTAssertEqual(fast.status, 500)
        assertSameBytes(broken)
    }

    // MARK: helpers

    /// Forces the `Encodable` overload of `Envelope.success`, i.e. `JSONEncoder`.
    private struct EncoderOnly<Payload: Encodable>: Encodable {
        var payload: Payload
        func encode(to encoder: Encoder) throws { try payload.encode(to: encoder) }
    }

    private func assertSameBytes<Payload: JSONObjectWritable>(_ payload: Payload, file: StaticString = #filePath,
                                                              line: UInt = #line) {
        let fast = Envelope.success(payload, response: "获取任务状态成功", now: now)
        let reference = Envelope.success(EncoderOnly(payload: payload), response: "获取任务状态成功", now: now)
        XCTAssertEqual(fast.status, reference.status, file: file, line: line)
        XCTAssertEqual(fast.headers.map { "\($0.0): \($0.1)" }, reference.headers.map { "\($0.0): \($0.1)" },
                       file: file, line: line)
        XCTAssertEqual(String(decoding: fast.bodyBytes, as: UTF8.self), String(decoding: reference.bodyBytes, as: UTF8.self),
                       file: file, line: line)
        XCTAssertEqual(fast.bodyBytes, reference.bodyBytes, file: file, line: line)
    }

    private func summary(_ id: String, name: String?, status: TaskStatus, finished: Date?) -> TaskSummary {
        TaskSummary(id: TaskID(id)!, name: name, status: status, stepSummary: finished == nil ? .pending : .allCompleted,
                    createdAt: now.addingTimeInterval(-60), startedAt: finished, completedAt: finished,
                    updatedAt: finished, createdBy: "guest", dbName: name == nil ? nil : "highway_db",
                    businessContext: name, directoryExists: finished == nil)
    }

    private func task(status: TaskStatus = .pending) -> PipelineTask {
        PipelineTask(
            id: TaskID("task_20260105_100000")!, name: "服务区初始化数据加载", status: status,
            parameters: TaskParameters(dbConnection: "postgresql://u:S3cr3t@db:5432/highway_db",
                                       businessContext: TaskParameters.defaultBusinessContext,
                                       tableListFile: TaskParameters.uploadModeTableListFile, fileUploadMode: true,
                                       enableLLMRepair: false),
            dbName: "highway_db", createdBy: "guest", createdAt: now.addingTimeInterval(-60),
            steps: StepName.allCases.map { TaskStep(name: $0, status: .pending) })
    }
}
