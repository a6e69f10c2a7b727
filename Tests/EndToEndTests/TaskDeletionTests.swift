import Foundation
import XCTest

/// API.md §2.7: `DELETE /data_pipeline/tasks`.
final class TaskDeletionTests: EndToEndTestCase {
    private func delete(_ ids: [String], deleteRows: Bool? = nil) throws -> HTTPResult {
        var body: [String: Any] = ["task_ids": ids, "confirm": true]
        if let deleteRows { body["delete_database_records"] = deleteRows }
        return try client.sendJSON("DELETE", EndToEndTestCase.tasksPath, JSONText.object(body))
    }

    private func listItem(_ id: String, keyword: String) throws -> JSON? {
        let data = assertSuccess(try client.postJSON(EndToEndTestCase.tasksPath + "/query", ["task_name": keyword]))
        return data["tasks"]?.array?.first { $0["task_id"]?.string == id }
    }

    func test_delete_removesDirectoryAndKeepsRowWithDirectoryExistsFalse() throws {
        let keyword = "e2e-delete-\(UUID().uuidString.prefix(8))"
        let id = try createTask(["task_name": keyword])
        assertSuccess(try upload(id, "a.txt", "hello\n"))
        let data = assertSuccess(try delete([id]))
        let deleted = try XCTUnwrap(data["deleted_tasks"]?.array)
        XCTAssertEqual(deleted.count, 1)
        XCTAssertEqual(deleted.first?["task_id"]?.string, id)
        XCTAssertEqual(deleted.first?["directory_deleted"], .bool(true))
        XCTAssertEqual(deleted.first?["database_records_deleted"], .bool(false))
        XCTAssertEqual(data["failed_tasks"], .array([]))
        XCTAssertEqual(data["summary"]?["total_requested"]?.int, 1)
        XCTAssertEqual(data["summary"]?["successfully_deleted"]?.int, 1)
        XCTAssertEqual(data["summary"]?["failed"]?.int, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: stack.taskDirectory(id).path), "directory still there")

        let item = try XCTUnwrap(try listItem(id, keyword: keyword), "the row must stay")
        XCTAssertEqual(item["directory_exists"], .bool(false))
        XCTAssertTrue(EnvelopeContract.isServiceTimestamp(item["updated_at"]?.string), "updated_at set")
        assertSuccess(try client.get(taskPath(id)), response: "获取任务状态成功")
    }

    func test_filesOfTaskWhoseDirectoryWasDeleted_reportNoDirectory() throws {
        let id = try createTask()
        assertSuccess(try delete([id]))
        let data = assertSuccess(try client.get(taskPath(id, "/files")), response: "获取任务文件列表成功")
        XCTAssertEqual(data["files"], .array([]))
        XCTAssertEqual(data["directory_info"]?["exists"], .bool(false))
        XCTAssertEqual(data["directory_info"]?["total_files"]?.int, 0)
    }

    func test_deleteWithDatabaseRecords_makesTaskAnswer404() throws {
        let id = try createTask()
        let data = assertSuccess(try delete([id], deleteRows: true))
        XCTAssertEqual(data["deleted_tasks"]?[0]?["database_records_deleted"], .bool(true))
        XCTAssertFalse(FileManager.default.fileExists(atPath: stack.taskDirectory(id).path))
        assertFailure(try client.get(taskPath(id)), status: 404, errorType: "resource_not_found",
                      response: "任务不存在: \(id)")
    }

    func test_deleteOfUnknownTask_isReportedInFailedTasks() throws {
        let data = assertSuccess(try delete(["task_19990101_000003"]))
        XCTAssertEqual(data["deleted_tasks"], .array([]))
        XCTAssertEqual(data["failed_tasks"]?[0]?["task_id"]?.string, "task_19990101_000003")
        XCTAssertEqual(data["summary"]?["failed"]?.int, 1)
    }

    func test_deleteOfTraversalTaskIDs_is400AndDeletesNothing() throws {
        let victim = try createTask()
        let sentinel = stack.tasksParent.appendingPathComponent("e2e-sentinel-\(UUID().uuidString)")
        try Data("keep me\n".utf8).write(to: sentinel)
        defer { try? FileManager.default.removeItem(at: sentinel) }
        let sentinelInTasks = stack.tasksDirectory.appendingPathComponent("e2e-sentinel-\(UUID().uuidString)")
        try Data("keep me\n".utf8).write(to: sentinelInTasks)
        defer { try? FileManager.default.removeItem(at: sentinelInTasks) }

        for hostile in ["..%2F..", "../..", "..", "../tasks", "%2e%2e", "/", ".", "", victim + "/..", "tasks/../.."] {
            // A hostile id next to a real one: the whole request is refused, the real task is kept too.
            let result = try delete([victim, hostile], deleteRows: true)
            assertFailure(result, status: 400, errorType: "invalid_params", context: "task id \(hostile.debugDescription)")
            XCTAssertTrue(FileManager.default.fileExists(atPath: sentinel.path), "sentinel deleted by \(hostile)")
            XCTAssertTrue(FileManager.default.fileExists(atPath: sentinelInTasks.path), "tasks-root file deleted by \(hostile)")
            XCTAssertTrue(FileManager.default.fileExists(atPath: stack.tasksDirectory.path), "tasks root deleted by \(hostile)")
            XCTAssertTrue(FileManager.default.fileExists(atPath: stack.taskDirectory(victim).path), "\(victim) deleted")
        }
        assertSuccess(try client.get(taskPath(victim)), response: "获取任务状态成功")
    }

    func test_delete_neverFollowsSymlinksOutOfTheTaskDirectory() throws {
        let id = try createTask()
        let outside = stack.tasksParent.appendingPathComponent("e2e-outside-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        let kept = outside.appendingPathComponent("keep.txt")
        try Data("keep me\n".utf8).write(to: kept)
        let directory = stack.taskDirectory(id)
        try FileManager.default.createSymbolicLink(at: directory.appendingPathComponent("linkdir"), withDestinationURL: outside)
        try FileManager.default.createSymbolicLink(at: directory.appendingPathComponent("link.txt"), withDestinationURL: kept)

        assertSuccess(try delete([id]))
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.path))
        XCTAssertEqual(try String(contentsOf: kept, encoding: .utf8), "keep me\n", "a symlink target was deleted")
    }

    func test_deleteWithoutConfirm_isRefused() throws {
        let id = try createTask()
        let missing = try client.sendJSON("DELETE", EndToEndTestCase.tasksPath, JSONText.object(["task_ids": [id]]))
        assertFailure(missing, status: 400, errorType: "missing_required_params")
        let no = try client.sendJSON("DELETE", EndToEndTestCase.tasksPath,
                                     JSONText.object(["task_ids": [id], "confirm": false]))
        assertFailure(no, status: 400, errorType: "invalid_params")
        XCTAssertTrue(FileManager.default.fileExists(atPath: stack.taskDirectory(id).path))
    }
}
