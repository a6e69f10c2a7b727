import Foundation
import XCTest

/// API.md §2.2: table lists as JSON (string and array), uploaded files (UTF-8 and GBK), and the info route.
final class TableListTests: EndToEndTestCase {
    static let createdKeys: Set<String> = [
        "task_id", "filename", "table_count", "unique_table_count", "original_count", "file_size",
        "file_size_formatted", "created_time", "response", "timestamp",
    ]

    /// `# 高速公路` in GBK, then names (one line with two names, one duplicate).
    static let gbkTableList: Data = {
        var bytes: [UInt8] = [0x23, 0x20, 0xB8, 0xDF, 0xCB, 0xD9, 0xB9, 0xAB, 0xC2, 0xB7, 0x0A] // "# 高速公路\n"
        bytes += Array("bss_company\nbss_service_area, ods.bss_area_x\n\n-- comment\nbss_company\n".utf8)
        return Data(bytes)
    }()

    func test_tableListAsString_writesTableListTxt() throws {
        let id = try createTask()
        let result = try client.postJSON(taskPath(id, "/table-list"),
                                         ["tables": "bss_car_day_count,bss_company, public.bss_service_area,bss_company"])
        let data = assertSuccess(result, response: "表清单已成功创建，包含 3 个表")
        XCTAssertEqual(data.keys, TableListTests.createdKeys)
        XCTAssertEqual(data["task_id"]?.string, id)
        XCTAssertEqual(data["filename"]?.string, "table_list.txt")
        XCTAssertEqual(data["table_count"]?.int, 3)
        XCTAssertEqual(data["unique_table_count"]?.int, 3)
        XCTAssertEqual(data["original_count"]?.int, 4)
        XCTAssertTrue(EnvelopeContract.isServiceTimestamp(data["created_time"]?.string))
        let stored = try Data(contentsOf: stack.taskDirectory(id).appendingPathComponent("table_list.txt"))
        XCTAssertEqual(data["file_size"]?.int, stored.count)
        XCTAssertEqual(data["file_size_formatted"]?.string, "\(stored.count).0 B")
        let names = String(decoding: stored, as: UTF8.self).split(separator: "\n")
            .filter { !$0.hasPrefix("#") && !$0.isEmpty }.map(String.init)
        XCTAssertEqual(names, ["bss_car_day_count", "bss_company", "public.bss_service_area"])
    }

    func test_tableListAsArray_acceptsQuotedIdentifiers() throws {
        let id = try createTask()
        let result = try client.postJSON(taskPath(id, "/table-list"),
                                         ["tables": ["bss_company", "public.\"门店评价\"", "\"MemberPoints\"", "bss_company"]])
        let data = assertSuccess(result, response: "表清单已成功创建，包含 3 个表")
        XCTAssertEqual(data["table_count"]?.int, 3)
        XCTAssertEqual(data["original_count"]?.int, 4)
        let info = assertSuccess(try client.get(taskPath(id, "/table-list-info")))
        XCTAssertEqual(info["table_names"], .array(["bss_company", "public.\"门店评价\"", "\"MemberPoints\""].map(JSON.string)))
    }

    func test_tableList_errorsFollowTheContract() throws {
        let id = try createTask()
        let path = taskPath(id, "/table-list")
        let missing = assertFailure(try client.postJSON(path, ["other": 1]), status: 400,
                                    errorType: "missing_required_params", response: "缺少必需参数：tables")
        XCTAssertEqual(missing["missing_params"], .array([.string("tables")]))
        assertFailure(try client.postJSON(path, ["tables": 5]), status: 400, errorType: "invalid_params",
                      response: "tables参数格式错误，应为字符串（逗号分隔）或数组")
        assertFailure(try client.postJSON(path, ["tables": " , ,"]), status: 400, response: "表名列表不能为空")
        let invalid = assertFailure(try client.postJSON(path, ["tables": "good_name,bad-name"]), status: 400)
        XCTAssertTrue(invalid["response"]?.string?.hasPrefix("包含无效的表名格式: ") ?? false, invalid.description)
        XCTAssertTrue(invalid["response"]?.string?.contains("bad-name") ?? false, invalid.description)
        let tooMany = (1...1001).map { "t\($0)" }.joined(separator: ",")
        assertFailure(try client.postJSON(path, ["tables": tooMany]), status: 400, response: "表名数量不能超过 1000 个")
        XCTAssertFalse(FileManager.default.fileExists(
            atPath: stack.taskDirectory(id).appendingPathComponent("table_list.txt").path), "a refused list was stored")
    }

    func test_tableListOfUnknownTask_is404() throws {
        assertFailure(try client.postJSON(taskPath("task_19990101_000001", "/table-list"), ["tables": "a"]),
                      status: 404, errorType: "resource_not_found")
    }

    func test_uploadedGBKTableList_isStoredAsUTF8() throws {
        let id = try createTask()
        let body = MultipartBody([MultipartBody.file("tables.txt", content: TableListTests.gbkTableList)])
        let result = try client.postMultipart(taskPath(id, "/upload-table-list"), body)
        let data = assertSuccess(result, response: "表清单文件上传成功")
        XCTAssertEqual(data["task_id"]?.string, id)
        XCTAssertEqual(data["filename"]?.string, "table_list.txt")
        XCTAssertTrue(EnvelopeContract.isServiceTimestamp(data["upload_time"]?.string))
        for key in ["task_id", "filename", "file_size", "file_size_formatted", "upload_time"] {
            XCTAssertNotNil(data[key], key)
        }

        let download = try client.get(taskPath(id, "/files/table_list.txt"))
        XCTAssertEqual(download.status, 200, download.printable)
        let expected = "# 高速公路\nbss_company\nbss_service_area, ods.bss_area_x\n\n-- comment\nbss_company\n"
        XCTAssertEqual(download.text, expected)
        XCTAssertNotNil(String(data: download.body, encoding: .utf8), "downloaded table list is not UTF-8")
        XCTAssertEqual(data["file_size"]?.int, download.body.count)
        XCTAssertEqual(data["file_size_formatted"]?.string, "\(download.body.count).0 B")

        let info = assertSuccess(try client.get(taskPath(id, "/table-list-info")))
        XCTAssertEqual(info["table_count"]?.int, 3)
        XCTAssertEqual(info["table_names"], .array(["bss_company", "bss_service_area", "ods.bss_area_x"].map(JSON.string)))
    }

    func test_uploadedTableList_mustBeATxtFileWithNames() throws {
        let id = try createTask()
        let path = taskPath(id, "/upload-table-list")
        assertFailure(try client.postMultipart(path, MultipartBody([MultipartBody.file("tables.csv", text: "a\n")])),
                      status: 400, errorType: "invalid_params")
        assertFailure(try client.postMultipart(path, MultipartBody([MultipartBody.file("tables.txt", text: "# only\n")])),
                      status: 400, response: "表清单文件不包含有效的表名")
        assertFailure(try client.postMultipart(path, MultipartBody([MultipartBody.field("other", "x")])),
                      status: 400, errorType: "missing_required_params")
        XCTAssertEqual(temporaryFiles(in: id), [])
    }

    func test_tableListInfo_describesTheStoredListWithoutServerPaths() throws {
        let id = try createTask()
        let before = assertSuccess(try client.get(taskPath(id, "/table-list-info")), response: "获取表清单文件信息成功")
        XCTAssertEqual(before["exists"], .bool(false))
        XCTAssertEqual(before["has_file"], .bool(false))

        assertSuccess(try client.postJSON(taskPath(id, "/table-list"), ["tables": ["bss_company", "ods.bss_area_x"]]))
        let result = try client.get(taskPath(id, "/table-list-info"))
        let info = assertSuccess(result, response: "获取表清单文件信息成功")
        XCTAssertEqual(info["task_id"]?.string, id)
        XCTAssertEqual(info["exists"], .bool(true))
        XCTAssertEqual(info["has_file"], .bool(true))
        XCTAssertEqual(info["file_name"]?.string, "table_list.txt")
        XCTAssertEqual(info["is_readable"], .bool(true))
        XCTAssertEqual(info["table_count"]?.int, 2)
        XCTAssertEqual(info["table_names"], .array([.string("bss_company"), .string("ods.bss_area_x")]))
        let size = try Data(contentsOf: stack.taskDirectory(id).appendingPathComponent("table_list.txt")).count
        XCTAssertEqual(info["file_size"]?.int, size)
        XCTAssertEqual(info["file_size_formatted"]?.string, "\(size).0 B")
        XCTAssertTrue(EnvelopeContract.isServiceTimestamp(info["uploaded_at"]?.string))
        XCTAssertTrue(EnvelopeContract.isServiceTimestamp(info["created_at"]?.string))
        XCTAssertFalse(result.text.contains(stack.tasksDirectory.path), "an absolute server path in \(result.printable)")
        XCTAssertNil(info["file_path"], "file_path (absolute) must not be reported")
    }
}
