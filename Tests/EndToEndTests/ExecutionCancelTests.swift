import Foundation
import XCTest

/// API.md §2 `POST …/cancel` (new) and ARCHITECTURE.md §1: cancel signals the worker, which stops between units of
/// work, marks the running step failed (`已取消`) and exits.
final class ExecutionCancelTests: ExecutionTestCase {
    override class var fixtureStatements: [String] { DDLGenerationFixture.slowStatements() }

    func test_cancelDuringRun_endsTaskAndRunningStepFailedAsCancelled() throws {
        let id = try createFixtureTask(tables: DDLGenerationFixture.slowTableList)
        let executionID = try executeDDLStep(id)
        let pid = try waitForRunningWorker(id)

        let cancelled = assertSuccess(try client.postJSON(taskPath(id, "/cancel"), [:]))
        XCTAssertEqual(cancelled["task_id"]?.string, id)
        XCTAssertEqual(cancelled["execution_id"]?.string, executionID)
        XCTAssertEqual(cancelled["signal_sent"], .bool(true), cancelled.description)

        let started = Date()
        let status = try waitUntilFinished(id, timeout: 40)
        print("cancelled run ended \(String(format: "%.1f", Date().timeIntervalSince(started))) s after the cancel")
        XCTAssertEqual(status["status"]?.string, "failed", status.description)
        XCTAssertEqual(status["error_message"]?.string, "已取消", status.description)
        XCTAssertEqual(status["cancelled"], .bool(true), "the status route says the run was cancelled")
        let listed = assertSuccess(try client.postJSON(EndToEndTestCase.api + "/data_pipeline/tasks/query",
                                                       ["page_size": 100]))
        let item = listed["tasks"]?.array?.first { $0["task_id"]?.string == id }
        XCTAssertEqual(item?["cancelled"], .bool(true), "the list item says the run was cancelled")
        XCTAssertEqual(item?["status"]?.string, "failed", "old clients still read it as not completed")
        let ddl = step("ddl_generation", of: status)
        XCTAssertEqual(ddl["step_status"]?.string, "failed", ddl.description)
        XCTAssertEqual(ddl["error_message"]?.string, "已取消", ddl.description)
        XCTAssertEqual(status["current_step"], .null)

        let deadline = Date().addingTimeInterval(10)
        while ExecutionTestCase.isRunning(pid), Date() < deadline { Thread.sleep(forTimeInterval: 0.2) }
        XCTAssertFalse(ExecutionTestCase.isRunning(pid), "worker \(pid) still running after the cancelled run ended")
        XCTAssertTrue(logText(id).contains("收到取消请求") || logText(id).contains("已取消"), logText(id))
    }

    /// A cancel that arrives before the worker registered its pid cannot be signalled; the worker still learns of it
    /// from its heartbeat (every 5 s) and stops. Afterwards the task can be executed again.
    func test_cancelRightAfterExecute_stillStopsTheRun_andExecuteWorksAgain() throws {
        let id = try createFixtureTask(tables: DDLGenerationFixture.slowTableList)
        try executeDDLStep(id)
        assertSuccess(try client.postJSON(taskPath(id, "/cancel"), [:]))
        let started = Date()
        let status = try waitUntilFinished(id, timeout: 40)
        print("run cancelled right after execute ended after \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        XCTAssertEqual(status["status"]?.string, "failed", status.description)
        XCTAssertEqual(status["error_message"]?.string, "已取消", status.description)
        XCTAssertNotEqual(step("ddl_generation", of: status)["step_status"]?.string, "running", status.description)
        assertSuccess(try execute(id, ["execution_mode": "step", "step_name": "ddl_generation"]), status: 202)
    }

    func test_cancelOfFinishedTask_is409() throws {
        let id = try createFixtureTask(tables: ["quick_table"])
        try executeDDLStep(id)
        let status = try waitUntilFinished(id)
        XCTAssertEqual(status["status"]?.string, "partial_completed", status.description)
        assertFailure(try client.postJSON(taskPath(id, "/cancel"), [:]), status: 409, errorType: "conflict")
        XCTAssertEqual(try self.status(id)["status"]?.string, "partial_completed")
    }
}
