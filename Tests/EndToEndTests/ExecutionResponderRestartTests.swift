import Foundation
import XCTest

/// ARCHITECTURE.md §1: the worker is detached, so a restart of dp-fcgi (`stack.sh restart-fcgi`: new instance on the
/// same socket, then SIGTERM to the old one) during a run does not touch it; the run completes.
final class ExecutionResponderRestartTests: ExecutionTestCase {
    override class var fixtureStatements: [String] { DDLGenerationFixture.slowStatements() }

    func test_restartOfResponderDuringRun_runStillCompletes() throws {
        let id = try createFixtureTask(tables: DDLGenerationFixture.slowTableList)
        try executeDDLStep(id)
        let worker = try waitForRunningWorker(id)
        let oldResponder = try XCTUnwrap(responderPID(), "dp-fcgi pid file")

        var environment = ProcessInfo.processInfo.environment
        environment["DP_VAR_DIR"] = stack.varDirectory.path
        let started = Date()
        let output = try ProcessRunner.run("/bin/bash", [stack.stackScript, "restart-fcgi"], environment: environment)
        XCTAssertEqual(output.status, 0, "restart-fcgi: \(Redaction.redact(output.standardOutput + output.standardError))")
        print("restart-fcgi took \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        let newResponder = try XCTUnwrap(responderPID())
        XCTAssertNotEqual(newResponder, oldResponder, "dp-fcgi was not replaced")
        XCTAssertTrue(ExecutionTestCase.isRunning(worker), "the worker died with the old responder")

        let during = try self.status(id)
        XCTAssertEqual(during["status"]?.string, "in_progress", during.description)
        let status = try waitUntilFinished(id, timeout: 120)
        XCTAssertEqual(status["status"]?.string, "partial_completed", status.description)
        XCTAssertEqual(status["step_status"]?["ddl_generation"]?.string, "completed", status.description)
        XCTAssertEqual(status["error_message"], .null)
        XCTAssertEqual(status["result"]?["ddl_generation"]?["processed_successfully"]?.int,
                       DDLGenerationFixture.slowTableList.count, status.description)
    }
}
