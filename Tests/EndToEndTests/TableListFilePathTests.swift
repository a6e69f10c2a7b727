import Foundation
import XCTest

/// API.md §2.1 `table_list_file`: the deprecated server-side table list, read once at creation.
final class TableListFilePathTests: EndToEndTestCase {
    /// Reading a file on a client's word is only allowed inside the operator's table-list directory
    /// (`DP_TABLE_LIST_DIR`); a valid list anywhere else is refused and no task is created.
    func test_createTaskWithTableListFileOutsideTheAllowedDirectory_isRefusedWithoutCreatingATask() throws {
        let list = stack.tasksParent.appendingPathComponent("e2e-list-\(UUID().uuidString).txt")
        try Data("# server list\nbss_company\nods.bss_area_x\n".utf8).write(to: list)
        defer { try? FileManager.default.removeItem(at: list) }
        let before = FileTreeSnapshot(stack.tasksDirectory)
        let result = try client.postJSON(EndToEndTestCase.tasksPath, [
            "task_name": "e2e-server-list", "table_list_file": list.path,
            "db_connection": EndToEndTestCase.connectionWithPassword,
        ])
        assertFailure(result, status: 400, errorType: "invalid_params")
        XCTAssertEqual(FileTreeSnapshot(stack.tasksDirectory).added(since: before), [], "a task directory was created")
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
