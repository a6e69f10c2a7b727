import Foundation
import XCTest

/// A run whose business database cannot be reached fails cleanly: step and task `failed` with a reason, and the
/// password of `db_connection` appears in no answer, no log line and no file of the task (API.md §1, FORMATS.md §5).
final class ExecutionBusinessDatabaseFailureTests: ExecutionTestCase {
    func test_ddlGenerationStep_onUnreachableDatabase_failsWithoutLeakingThePassword() throws {
        let url = "postgresql://e2e_user:\(EndToEndTestCase.distinctivePassword)@127.0.0.1:1/nowhere?connect_timeout=3"
        let id = try createTask(["db_connection": url])
        assertSuccess(try client.postJSON(taskPath(id, "/table-list"), ["tables": ["orders"]]))
        try executeDDLStep(id)
        let status = try waitUntilFinished(id, timeout: 60)
        XCTAssertEqual(status["status"]?.string, "failed", status.description)
        let ddl = step("ddl_generation", of: status)
        XCTAssertEqual(ddl["step_status"]?.string, "failed", ddl.description)
        let message = ddl["error_message"]?.string ?? ""
        XCTAssertTrue(message.hasPrefix("业务数据库访问失败"), message)
        XCTAssertEqual(status["error_message"]?.string, message)
        XCTAssertEqual(taskFileNames(id).filter { $0.hasSuffix(".ddl") || $0.hasSuffix(".md") }, [])

        let secret = Array(EndToEndTestCase.distinctivePassword.utf8)
        for name in taskFileNames(id) {
            let bytes = Array(FileManager.default.contents(atPath: taskFileURL(id, name).path) ?? Data())
            XCTAssertFalse(bytes.containsBytes(secret), "\(name) contains the db_connection password")
        }
        XCTAssertTrue(logText(id).contains("[ERROR]"), logText(id))
        let config = taskFile(id, "task_config.json").flatMap { JSON.parse(Data($0.utf8)) }
        XCTAssertEqual(config?["parameters"]?["db_connection"]?.string, "postgresql://e2e_user:***@127.0.0.1:1/nowhere?connect_timeout=3",
                       config?.description ?? "task_config.json missing")
    }
}
