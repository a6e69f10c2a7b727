import Foundation
import XCTest

/// API.md §2.3 pre-checks through nginx: each refusal happens before any worker is launched (the task stays
/// pending, no worker process appears, the worker's first file `task_config.json` is never written).
final class ExecutionStartRefusalTests: ExecutionTestCase {
    private func assertNoRunStarted(_ id: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let status = try self.status(id, file: file, line: line)
        XCTAssertEqual(status["status"]?.string, "pending", file: file, line: line)
        XCTAssertEqual(status["started_at"], .null, file: file, line: line)
        XCTAssertNil(taskFile(id, "task_config.json"), "a worker ran", file: file, line: line)
        XCTAssertEqual(ExecutionConcurrencyTests.workerProcesses(of: id), [], file: file, line: line)
    }

    func test_executeOfUnknownTask_is404() throws {
        assertFailure(try execute("task_19990101_000007", ["execution_mode": "step", "step_name": "ddl_generation"]),
                      status: 404, errorType: "resource_not_found", response: "任务不存在: task_19990101_000007")
    }

    func test_executeWithInvalidModeMissingOrUnknownStep_is400() throws {
        let id = try createTask()
        assertSuccess(try client.postJSON(taskPath(id, "/table-list"), ["tables": "quick_table"]))
        assertFailure(try execute(id, ["execution_mode": "partial"]), status: 400, errorType: "invalid_params")
        assertFailure(try execute(id, ["execution_mode": "step"]), status: 400, errorType: "missing_required_params")
        assertFailure(try execute(id, ["execution_mode": "step", "step_name": ""]), status: 400,
                      errorType: "missing_required_params")
        assertFailure(try execute(id, ["execution_mode": "step", "step_name": "ddl"]), status: 400, errorType: "invalid_params")
        try assertNoRunStarted(id)
    }

    func test_executeWithoutTableList_is400() throws {
        let id = try createTask()
        for body: [String: Any] in [["execution_mode": "complete"], ["execution_mode": "step", "step_name": "ddl_generation"]] {
            assertFailure(try execute(id, body), status: 400, errorType: "invalid_params", response: "表清单文件不存在，请先提交表清单")
        }
        try assertNoRunStarted(id)
    }

    func test_executeQAGenerationBeforeAnyDDLFile_is400() throws {
        let id = try createTask()
        assertSuccess(try client.postJSON(taskPath(id, "/table-list"), ["tables": "quick_table"]))
        let data = assertFailure(try execute(id, ["execution_mode": "step", "step_name": "qa_generation"]), status: 400,
                                 errorType: "invalid_params")
        XCTAssertTrue(data["response"]?.string?.contains("ddl_generation") ?? false, data.description)
        try assertNoRunStarted(id)
    }
}
