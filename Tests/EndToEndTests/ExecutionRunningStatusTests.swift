import Foundation
import XCTest

/// API.md §2.4 while a worker runs: task `in_progress`, the step `running`, `current_step` filled, and the optional
/// `progress` `{step, done, total}` (new) arriving with the heartbeat.
final class ExecutionRunningStatusTests: ExecutionTestCase {
    override class var fixtureStatements: [String] { DDLGenerationFixture.slowStatements() }

    func test_statusWhileRunning_isInProgressWithCurrentStepAndProgress() throws {
        let id = try createFixtureTask(tables: DDLGenerationFixture.slowTableList)
        try executeDDLStep(id)
        _ = try waitForRunningWorker(id)
        let status = try waitForStatus(id, timeout: 15, "progress reported") {
            ($0["progress"]?.object) != nil
        }
        XCTAssertEqual(status["status"]?.string, "in_progress", status.description)
        XCTAssertEqual(status["step_status"]?["ddl_generation"]?.string, "running")
        XCTAssertTrue(EnvelopeContract.isServiceTimestamp(status["started_at"]?.string), status.description)
        XCTAssertEqual(status["completed_at"], .null)
        let current = try XCTUnwrap(status["current_step"]?.object, "current_step: \(status["current_step"] ?? .null)")
        XCTAssertEqual(current["step"]?.string, "ddl_generation")
        XCTAssertEqual(current["status"]?.string, "running")
        XCTAssertFalse((current["execution_id"]?.string ?? "").isEmpty, current.description)
        XCTAssertTrue(EnvelopeContract.isServiceTimestamp(current["started_at"]?.string), current.description)
        let progress = try XCTUnwrap(status["progress"])
        XCTAssertEqual(progress["step"]?.string, "ddl_generation")
        XCTAssertEqual(progress["total"]?.int, DDLGenerationFixture.slowTableList.count, progress.description)
        let done = try XCTUnwrap(progress["done"]?.int, progress.description)
        XCTAssertTrue((0..<DDLGenerationFixture.slowTableList.count).contains(done), progress.description)

        // The task list reports it running too.
        let listed = assertSuccess(try client.get(EndToEndTestCase.tasksPath + "?status=in_progress&limit=100"))
        XCTAssertTrue((listed["tasks"]?.array ?? []).contains { $0["task_id"]?.string == id }, listed.description)
    }
}
