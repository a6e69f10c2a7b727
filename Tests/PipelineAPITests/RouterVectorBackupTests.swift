import Foundation
import XCTest
@testable import PipelineAPI

/// `/data_pipeline/vector/backup`, `/restore/list`, `/restore`: CSV backups under the tasks root, an all-or-nothing
/// restore, and no path outside the tasks root.
final class RouterVectorBackupTests: RouterTestCase {
    func storeTwoItems() {
        let response = send("POST", "/api/v0/training_data/create", json: #"{"data": [{"training_data_type": "documentation", "content": "第一段，含逗号,引号\"和\n换行"}, {"training_data_type": "sql", "question": "有多少公司？", "sql": "SELECT COUNT(*) AS 公司数 FROM bss_company;"}]}"#)
        XCTAssertEqual(response.status, 200, String(decoding: response.bodyBytes, as: UTF8.self))
    }

    func total() -> Int? { data(send("GET", "/api/v0/training_data/stats"))["total_count"] as? Int }

    func testBackupThenRestoreRoundTrips_andListShowsTheSet() throws {
        storeTwoItems()
        let backup = send("POST", "/api/v0/data_pipeline/vector/backup", json: "{}")
        XCTAssertEqual(backup.status, 200, String(decoding: backup.bodyBytes, as: UTF8.self))
        let table = (data(backup)["tables_backed_up"] as? [String: Any])?["training_items"] as? [String: Any] ?? [:]
        XCTAssertEqual(table["row_count"] as? Int, 2)
        let file = try XCTUnwrap(table["backup_file"] as? String)
        XCTAssertEqual(data(backup)["backup_directory"] as? String, "vector_bak")
        XCTAssertTrue(FileManager.default.fileExists(atPath: tasksRoot.appendingPathComponent("vector_bak/vector_backup_log.txt").path))

        let list = data(send("GET", "/api/v0/data_pipeline/vector/restore/list"))
        let locations = list["backup_locations"] as? [[String: Any]] ?? []
        XCTAssertEqual(locations.first?["relative_path"] as? String, "vector_bak")
        let timestamp = try XCTUnwrap((locations.first?["backups"] as? [[String: Any]])?.first?["timestamp"] as? String)
        XCTAssertEqual(file, "training_items_\(timestamp).csv")

        let ids = (data(send("POST", "/api/v0/training_data/query", json: "{}"))["records"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        let idList = ids.map { "\"\($0)\"" }.joined(separator: ",")
        XCTAssertEqual(send("POST", "/api/v0/training_data/delete", json: #"{"ids": [\#(idList)], "confirm": true}"#).status, 200)
        XCTAssertEqual(total(), 0)
        let restore = send("POST", "/api/v0/data_pipeline/vector/restore",
                           json: #"{"backup_path": "vector_bak", "timestamp": "\#(timestamp)", "truncate_before_restore": true}"#)
        XCTAssertEqual(restore.status, 200, String(decoding: restore.bodyBytes, as: UTF8.self))
        XCTAssertEqual(total(), 2)
        let records = data(send("POST", "/api/v0/training_data/query", json: #"{"training_data_type": "documentation"}"#))["records"] as? [[String: Any]]
        XCTAssertEqual(records?.first?["content"] as? String, "第一段，含逗号,引号\"和\n换行")
    }

    func testRestoreOfACorruptedFileChangesNothing() throws {
        storeTwoItems()
        let backup = data(send("POST", "/api/v0/data_pipeline/vector/backup", json: "{}"))
        let file = try XCTUnwrap(((backup["tables_backed_up"] as? [String: Any])?["training_items"] as? [String: Any])?["backup_file"] as? String)
        let url = tasksRoot.appendingPathComponent("vector_bak").appendingPathComponent(file)
        var text = try String(contentsOf: url, encoding: .utf8)
        text += "broken,row\n"
        try text.write(to: url, atomically: true, encoding: .utf8)
        let timestamp = String(file.dropFirst("training_items_".count).dropLast(4))
        let restore = send("POST", "/api/v0/data_pipeline/vector/restore",
                           json: #"{"backup_path": "vector_bak", "timestamp": "\#(timestamp)", "truncate_before_restore": true}"#)
        assertError(restore, 400, "invalid_params")
        XCTAssertEqual(total(), 2, "the store was not emptied")
    }

    func testPathsOutsideTheTasksRootAndBadInputAreRefused() throws {
        let restore = "/api/v0/data_pipeline/vector/restore"
        assertError(send("POST", restore, json: #"{"backup_path": "/etc", "timestamp": "20250101_000000"}"#), 400, "invalid_params")
        assertError(send("POST", restore, json: #"{"backup_path": "../vector_bak", "timestamp": "20250101_000000"}"#), 400, "invalid_params")
        assertError(send("POST", restore, json: #"{"backup_path": "vector_bak", "timestamp": "2025"}"#), 400, "invalid_params")
        assertError(send("POST", restore, json: #"{"timestamp": "20250101_000000"}"#), 400, "missing_required_params")
        assertError(send("POST", restore, json: #"{"backup_path": "vector_bak", "timestamp": "20250101_000000"}"#), 404, "resource_not_found")
        assertError(send("POST", restore, json: #"{"backup_path": "vector_bak", "timestamp": "20250101_000000", "tables": ["pg_authid"]}"#),
                    400, "invalid_params")
        assertError(send("POST", "/api/v0/data_pipeline/vector/backup", json: #"{"task_id": "../x"}"#), 400, "invalid_params")
        assertError(send("POST", "/api/v0/data_pipeline/vector/backup", json: #"{"task_id": "task_19990101_000000"}"#), 404, "resource_not_found")
        assertError(send("GET", "/api/v0/data_pipeline/vector/restore/list?task_id=..%2F..%2Fetc"), 400, "invalid_params")
        XCTAssertEqual(filesBelow(tasksRoot), [], "nothing was written")
    }

    func testTaskBackupLandsInTheTaskDirectory() throws {
        storeTwoItems()
        let id = try createTask()
        let backup = send("POST", "/api/v0/data_pipeline/vector/backup", json: #"{"task_id": "\#(id)"}"#)
        XCTAssertEqual(data(backup)["backup_directory"] as? String, "\(id)/vector_bak")
        let list = data(send("GET", "/api/v0/data_pipeline/vector/restore/list?task_id=\(id)"))
        XCTAssertEqual((list["backup_locations"] as? [[String: Any]])?.first?["type"] as? String, "task")
        XCTAssertEqual((list["summary"] as? [String: Any])?["task_backups"] as? Int, 1)
        let global = data(send("GET", "/api/v0/data_pipeline/vector/restore/list?global_only=true"))
        XCTAssertEqual((global["summary"] as? [String: Any])?["total_backup_sets"] as? Int, 0)
    }

    /// A Schemathesis finding: `global_only=null` (or any other word) was silently read as false.
    func testGlobalOnlyIsTrueOrFalse() {
        assertError(send("GET", "/api/v0/data_pipeline/vector/restore/list?global_only=null"), 400, "invalid_params")
        assertError(send("GET", "/api/v0/data_pipeline/vector/restore/list?global_only=1"), 400, "invalid_params")
        XCTAssertEqual(send("GET", "/api/v0/data_pipeline/vector/restore/list?global_only=FALSE").status, 200)
        XCTAssertEqual(send("GET", "/api/v0/data_pipeline/vector/restore/list?global_only=").status, 200)
    }
}
