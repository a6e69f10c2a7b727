import Foundation
import XCTest

/// API.md §2.3: what `execute` and `cancel` refuse before any worker is launched. (No test here starts a run: a
/// run needs the worker, an LLM and a business database; these only check the refusals.)
final class ExecutionPrecheckTests: EndToEndTestCase {
    private func execute(_ id: String, _ fields: [String: Any]) throws -> HTTPResult {
        try client.postJSON(taskPath(id, "/execute"), fields)
    }

    /// The task is untouched: still pending, no step started.
    private func assertStillPending(_ id: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let status = try? client.get(taskPath(id)) else { return XCTFail("no status", file: file, line: line) }
        let data = assertSuccess(status, file: file, line: line)
        XCTAssertEqual(data["status"]?.string, "pending", file: file, line: line)
        XCTAssertEqual(data["current_step"], .null, file: file, line: line)
    }

    func test_executeOfUnknownTask_is404() throws {
        assertFailure(try execute("task_19990101_000005", ["execution_mode": "complete"]), status: 404,
                      errorType: "resource_not_found", response: "任务不存在: task_19990101_000005")
    }

    func test_execute_withUnknownModeOrStep_is400() throws {
        let id = try createTask()
        assertFailure(try execute(id, ["execution_mode": "everything"]), status: 400, errorType: "invalid_params")
        assertFailure(try execute(id, ["execution_mode": "step"]), status: 400, errorType: "missing_required_params")
        assertFailure(try execute(id, ["execution_mode": "step", "step_name": "drop_everything"]), status: 400,
                      errorType: "invalid_params")
        assertFailure(try execute(id, ["execution_mode": 5]), status: 400, errorType: "invalid_params")
        assertStillPending(id)
    }

    func test_execute_withoutTableList_is400() throws {
        let id = try createTask()
        assertFailure(try execute(id, ["execution_mode": "complete"]), status: 400, errorType: "invalid_params",
                      response: "表清单文件不存在，请先提交表清单")
        assertStillPending(id)
    }

    func test_executeStep_withoutTheStepsInputs_is400NamingTheStepToRunFirst() throws {
        let id = try createTask()
        assertSuccess(try client.postJSON(taskPath(id, "/table-list"), ["tables": "bss_company"]))
        let data = assertFailure(try execute(id, ["execution_mode": "step", "step_name": "qa_generation"]), status: 400,
                                 errorType: "invalid_params")
        XCTAssertTrue(data["response"]?.string?.contains("ddl_generation") ?? false, data.description)
        let validation = assertFailure(try execute(id, ["execution_mode": "step", "step_name": "sql_validation"]),
                                       status: 400, errorType: "invalid_params")
        XCTAssertTrue(validation["response"]?.string?.contains("qa_generation") ?? false, validation.description)
        assertStillPending(id)
    }

    func test_cancelOfTaskThatIsNotRunning_is409() throws {
        let id = try createTask()
        assertFailure(try client.postJSON(taskPath(id, "/cancel"), [:]), status: 409, errorType: "conflict")
        assertStillPending(id)
    }

    func test_cancelOfUnknownTask_is404() throws {
        assertFailure(try client.postJSON(taskPath("task_19990101_000006", "/cancel"), [:]), status: 404,
                      errorType: "resource_not_found")
    }
}
