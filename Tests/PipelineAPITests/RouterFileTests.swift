import Foundation
import XCTest
@testable import PipelineAPI

final class RouterFileTests: RouterTestCase {
    private func upload(_ id: String, name: String, content: String, mode: String? = nil) -> HTTPResponse {
        sendMultipart("/api/v0/data_pipeline/tasks/\(id)/files",
                      body: multipartBody(fileName: Array(name.utf8), content: Array(content.utf8),
                                          fields: mode.map { ["overwrite_mode": $0] } ?? [:]))
    }

    private func fileText(_ id: String, _ name: String) -> String? {
        try? String(contentsOf: tasksRoot.appendingPathComponent(id).appendingPathComponent(name), encoding: .utf8)
    }

    func testBackupModeKeepsThePreviousVersionAsBak1() throws {
        let id = try createTask()
        XCTAssertEqual(upload(id, name: "q.json", content: "v1").status, 200)
        let second = upload(id, name: "q.json", content: "v2")
        XCTAssertEqual(second.status, 200)
        let backup = try XCTUnwrap(data(second)["backup_info"] as? [String: Any])
        XCTAssertEqual(backup["backup_filename"] as? String, "q.json_bak1")
        XCTAssertEqual(backup["backup_version"] as? Int, 1)
        XCTAssertEqual(backup["had_existing_file"] as? Bool, true)
        XCTAssertEqual(fileText(id, "q.json"), "v2")
        XCTAssertEqual(fileText(id, "q.json_bak1"), "v1")
    }

    func testSkipModeKeepsTheExistingFile() throws {
        let id = try createTask()
        _ = upload(id, name: "a.sql", content: "old")
        let response = upload(id, name: "a.sql", content: "new", mode: "skip")
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(data(response)["skipped"] as? Bool, true)
        XCTAssertEqual(data(response)["response"] as? String, "文件已存在，跳过上传: a.sql")
        XCTAssertEqual(fileText(id, "a.sql"), "old")
    }

    func testReplaceModeOverwritesWithoutBackup() throws {
        let id = try createTask()
        _ = upload(id, name: "a.md", content: "old")
        let response = upload(id, name: "a.md", content: "new", mode: "replace")
        XCTAssertEqual(response.status, 200)
        XCTAssertNil(data(response)["backup_info"])
        XCTAssertEqual(fileText(id, "a.md"), "new")
        XCTAssertNil(fileText(id, "a.md_bak1"))
    }

    func testInvalidOverwriteModeIs400() throws {
        let id = try createTask()
        assertError(upload(id, name: "a.md", content: "x", mode: "merge"), 400, "invalid_params")
    }

    func testDownloadStreamsTheFileWithRFC5987Name() throws {
        let id = try createTask()
        _ = upload(id, name: "门店.md", content: "# 文档")
        let encoded = "%E9%97%A8%E5%BA%97.md"
        let response = send("GET", "/api/v0/data_pipeline/tasks/\(id)/files/\(encoded)")
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.header("Content-Type"), "text/markdown; charset=utf-8")
        XCTAssertEqual(response.header("Content-Disposition"), "attachment; filename=\"__.md\"; filename*=UTF-8''\(encoded)")
        guard case .file(let url, let size) = response.body else { return XCTFail("expected a file body") }
        XCTAssertEqual(size, Int64("# 文档".utf8.count))
        XCTAssertEqual(url.lastPathComponent, "门店.md")
    }

    func testDownloadIsHandedToNginxWhenAccelRedirectIsConfigured() throws {
        settings.accelRedirectPrefix = "/_task_files/"
        makeRouter()
        let id = try createTask()
        _ = upload(id, name: "a b.txt", content: "x")
        let response = send("GET", "/api/v0/data_pipeline/tasks/\(id)/files/a%20b.txt")
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.header("X-Accel-Redirect"), "/_task_files/\(id)/a%20b.txt")
        XCTAssertEqual(response.bodyBytes, [])
    }

    func testMissingFileIs404WithItsName() throws {
        let id = try createTask()
        let response = send("GET", "/api/v0/data_pipeline/tasks/\(id)/files/none.txt")
        assertError(response, 404, "resource_not_found")
        XCTAssertEqual(data(response)["response"] as? String, "文件不存在: none.txt")
    }

    func testFileListIsNewestFirstWithFormattedSizes() throws {
        let id = try createTask()
        _ = upload(id, name: "first.txt", content: String(repeating: "a", count: 220))
        Thread.sleep(forTimeInterval: 0.02)
        _ = upload(id, name: "second.json", content: "{}")
        let response = send("GET", "/api/v0/data_pipeline/tasks/\(id)/files")
        let files = try XCTUnwrap(data(response)["files"] as? [[String: Any]])
        XCTAssertEqual(files.map { $0["file_name"] as? String }, ["second.json", "first.txt"])
        XCTAssertEqual(files.last?["file_size_formatted"] as? String, "220.0 B")
        XCTAssertEqual(files.last?["file_type"] as? String, "text")
        let info = try XCTUnwrap(data(response)["directory_info"] as? [String: Any])
        XCTAssertEqual(info["total_files"] as? Int, 2)
        XCTAssertNil(info["directory_path"], "no server paths in answers")
    }

    func testUploadedGBKTableListIsStoredAsUTF8() throws {
        let id = try createTask()
        // "# 高速公路\nbss_company,bss_service_area\n" with the comment in GBK.
        let gbk: [UInt8] = [0x23, 0x20, 0xB8, 0xDF, 0xCB, 0xD9, 0xB9, 0xAB, 0xC2, 0xB7, 0x0A]
            + Array("bss_company,bss_service_area\n".utf8)
        let response = sendMultipart("/api/v0/data_pipeline/tasks/\(id)/upload-table-list",
                                     body: multipartBody(fileName: Array("tables.txt".utf8), content: gbk))
        XCTAssertEqual(response.status, 200, String(decoding: response.bodyBytes, as: UTF8.self))
        XCTAssertEqual(fileText(id, "table_list.txt"), "# 高速公路\nbss_company,bss_service_area\n")
        let info = data(send("GET", "/api/v0/data_pipeline/tasks/\(id)/table-list-info"))
        XCTAssertEqual(info["table_names"] as? [String], ["bss_company", "bss_service_area"])
        XCTAssertEqual(info["table_count"] as? Int, 2)
    }
}

final class RouterInternalFileTests: RouterTestCase {
    func testInternalFilesCannotBeDownloaded() throws {
        let id = try createTask()
        let upload = sendMultipart("/api/v0/data_pipeline/tasks/\(id)/files",
                                   body: multipartBody(fileName: Array("a.txt".utf8), content: Array("x".utf8)))
        XCTAssertEqual(upload.status, 200)
        XCTAssertTrue(FileManager.default.fileExists(atPath: tasksRoot.appendingPathComponent(id).appendingPathComponent(".dp-upload.lock").path))
        assertError(send("GET", "/api/v0/data_pipeline/tasks/\(id)/files/.dp-upload.lock"), 404, "resource_not_found")
    }
}
