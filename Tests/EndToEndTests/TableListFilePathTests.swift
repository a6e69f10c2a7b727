import Foundation
import XCTest

/// API.md §2.1 `table_list_file`: the deprecated server-side table list, read once at creation.
final class TableListFilePathTests: EndToEndTestCase {
    func test_createTaskWithTableListFile_copiesTheListIntoTheTask() throws {
        let list = stack.tasksParent.appendingPathComponent("e2e-list-\(UUID().uuidString).txt")
        try Data("# server list\nbss_company\nods.bss_area_x\n".utf8).write(to: list)
        defer { try? FileManager.default.removeItem(at: list) }
        let result = try client.postJSON(EndToEndTestCase.tasksPath, [
            "task_name": "e2e-server-list", "table_list_file": list.path,
            "db_connection": EndToEndTestCase.connectionWithPassword,
        ])
        let data = assertSuccess(result, status: 201, response: "任务创建成功")
        XCTAssertNil(data["file_upload_mode"], "not in upload mode")
        XCTAssertNil(data["next_step"])
        let id = try XCTUnwrap(data["task_id"]?.string)
        let info = assertSuccess(try client.get(taskPath(id, "/table-list-info")))
        XCTAssertEqual(info["exists"], .bool(true))
        XCTAssertEqual(info["table_names"], .array([.string("bss_company"), .string("ods.bss_area_x")]))
    }

    /// A client names any server file; whatever that file holds must not come back in the answer (it would
    /// disclose server files, here dp-fcgi's own configuration with the state database password).
    func test_createTaskWithTableListFile_neverEchoesTheContentOfAnotherFile() throws {
        let configuration = stack.varDirectory.appendingPathComponent("secrets/dp-fcgi.env")
        let cases: [(path: String, marker: String)] = [
            ("/etc/passwd", "root:x:0:0"),
            (configuration.path, "DP_STATE_DATABASE_URL"),
        ]
        for (path, marker) in cases {
            let result = try client.postJSON(EndToEndTestCase.tasksPath, [
                "task_name": "e2e-server-file", "table_list_file": path,
                "db_connection": EndToEndTestCase.connectionWithPassword,
            ])
            assertFailure(result, status: 400, errorType: "invalid_params", context: path)
            XCTAssertFalse(result.text.contains(marker), "content of \(path) in the answer: \(result.printable.prefix(300))…")
            for password in stack.knownPasswords {
                XCTAssertFalse(result.text.contains(password), "the state database password came back (from \(path))")
            }
        }
    }
}
