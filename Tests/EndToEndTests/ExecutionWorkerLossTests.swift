import Foundation
import XCTest

/// API.md §2.4: a worker that dies mid-step is reported lost (`执行进程已退出或失联（主机 <host>）`) within the heartbeat timeout,
/// its running step fails with it, and the task can be executed again.
final class ExecutionWorkerLossTests: ExecutionTestCase {
    override class var fixtureStatements: [String] { DDLGenerationFixture.slowStatements() }

    func test_workerKilledMidStep_taskAndStepFailAsLost_andExecuteWorksAgain() throws {
        let id = try createFixtureTask(tables: DDLGenerationFixture.slowTableList)
        try executeDDLStep(id)
        let pid = try waitForRunningWorker(id)
        XCTAssertEqual(kill(pid, SIGKILL), 0, "SIGKILL of worker \(pid)")
        let killed = Date()

        // Dead pid on this host: seen at once; otherwise the stale heartbeat after DP_WORKER_TIMEOUT_S (30 s).
        let status = try waitForStatus(id, timeout: 40, "failed after SIGKILL of the worker") {
            $0["status"]?.string == "failed"
        }
        print("worker loss reported \(String(format: "%.1f", Date().timeIntervalSince(killed))) s after SIGKILL "
              + "(worker state now: \(ExecutionTestCase.procStat(pid)?.state ?? "gone"))")
        // The message names the host the worker ran on (the test stack's DP_HOST_ID defaults to the hostname).
        let lost = "执行进程已退出或失联（主机 \(Self.hostName)）"
        XCTAssertEqual(status["error_message"]?.string, lost, status.description)
        let ddl = step("ddl_generation", of: status)
        XCTAssertEqual(ddl["step_status"]?.string, "failed", ddl.description)
        XCTAssertEqual(ddl["error_message"]?.string, lost, ddl.description)
        XCTAssertEqual(status["step_status"]?["ddl_generation"]?.string, "failed")
        XCTAssertEqual(status["current_step"], .null)
        XCTAssertNotNil(status["completed_at"]?.string)

        let again = try execute(id, ["execution_mode": "step", "step_name": "ddl_generation"])
        assertSuccess(again, status: 202, response: "任务执行已启动")
        let second = try waitForRunningWorker(id)
        XCTAssertNotEqual(second, pid, "a new worker runs the new execution")
        XCTAssertEqual(try self.status(id)["status"]?.string, "in_progress")
    }

    static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
