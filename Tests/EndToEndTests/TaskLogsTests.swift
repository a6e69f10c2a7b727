import Foundation
import XCTest

/// API.md §2.5 over a `data_pipeline.log` in FORMATS.md §5 format, written straight into the task directory.
final class TaskLogsTests: EndToEndTestCase {
    static let logText = """
        2026-01-05 10:00:01 [INFO] [ddl_generation] 开始处理表: public.bss_company
        2026-01-05 10:00:02 [ERROR] [sql_validation] SQL验证失败: column "x" does not exist
          SQL: SELECT x FROM t;
          HINT: check the column name
        2026-01-05 10:00:03 [WARNING] [qa_generation] a: b: c
        2026-01-05 10:00:04 [DEBUG] [training_load] loaded 12 records
        2026-01-05 10:00:05 [INFO] [ddl_generation] 完成: 1 个表

        """
    static let errorMessageFirstLine = "SQL验证失败: column \"x\" does not exist"

    private func taskWithLog() throws -> String {
        let id = try createTask()
        let url = stack.taskDirectory(id).appendingPathComponent("data_pipeline.log")
        try Data(TaskLogsTests.logText.utf8).write(to: url)
        return id
    }

    func test_logs_parseEntriesWithContinuationLinesAndColons() throws {
        let id = try taskWithLog()
        let result = try client.get(taskPath(id, "/logs"))
        let data = assertSuccess(result, response: "获取任务日志成功")
        XCTAssertEqual(data["task_id"]?.string, id)
        XCTAssertEqual(data["source"]?.string, "file")
        XCTAssertEqual(data["log_file"]?.string, "data_pipeline.log")
        XCTAssertEqual(data["total"]?.int, 5)
        let logs = try XCTUnwrap(data["logs"]?.array)
        XCTAssertEqual(logs.count, 5, "one entry per header line, continuation lines included in their entry")
        for entry in logs { XCTAssertEqual(entry.keys, ["timestamp", "level", "logger", "message"]) }
        XCTAssertEqual(logs.map { $0["timestamp"]?.string ?? "?" },
                       (1...5).map { "2026-01-05 10:00:0\($0)" })
        XCTAssertEqual(logs.map { $0["level"]?.string ?? "?" }, ["INFO", "ERROR", "WARNING", "DEBUG", "INFO"])
        XCTAssertEqual(logs.map { $0["logger"]?.string ?? "?" },
                       ["ddl_generation", "sql_validation", "qa_generation", "training_load", "ddl_generation"])
        XCTAssertEqual(logs[0]["message"]?.string, "开始处理表: public.bss_company")

        let multiLine = try XCTUnwrap(logs[1]["message"]?.string)
        let lines = multiLine.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.count, 3, multiLine)
        XCTAssertEqual(lines.first.map(String.init), TaskLogsTests.errorMessageFirstLine)
        XCTAssertEqual(lines.dropFirst().map { $0.trimmingCharacters(in: .whitespaces) },
                       ["SQL: SELECT x FROM t;", "HINT: check the column name"])

        XCTAssertEqual(logs[2]["message"]?.string, "a: b: c")
        XCTAssertFalse(result.text.contains(stack.tasksDirectory.path), "no absolute server path")
    }

    func test_logs_limitAndLevelFilter() throws {
        let id = try taskWithLog()
        let last = assertSuccess(try client.get(taskPath(id, "/logs?limit=2")))
        XCTAssertEqual(last["logs"]?.array?.map { $0["timestamp"]?.string ?? "?" },
                       ["2026-01-05 10:00:04", "2026-01-05 10:00:05"], "the newest entries, oldest first")
        let errors = assertSuccess(try client.get(taskPath(id, "/logs?level=ERROR")))
        XCTAssertEqual(errors["logs"]?.array?.count, 1)
        XCTAssertTrue(errors["logs"]?[0]?["message"]?.string?.hasPrefix(TaskLogsTests.errorMessageFirstLine) ?? false)
        assertFailure(try client.get(taskPath(id, "/logs?limit=1001")), status: 400, errorType: "invalid_params")
        assertFailure(try client.get(taskPath(id, "/logs?level=TRACE")), status: 400, errorType: "invalid_params")
    }

    /// A log larger than the reader's chunk (64 KiB), with multi-line entries across chunk boundaries: reading the
    /// tail (GET) and reading everything (query) give the same entries.
    func test_logsOfLargeFile_tailAndQueryAgree() throws {
        let id = try createTask()
        var lines: [String] = []
        for i in 0..<900 {
            lines.append(String(format: "2026-01-05 10:%02d:%02d [INFO] [ddl_generation] entry %d: 处理表 a: b: c ", i / 60, i % 60, i)
                + String(repeating: "x", count: i % 37))
            for k in 0..<(i % 4) { lines.append("  continuation \(i).\(k) " + String(repeating: "y", count: (i * 7 + k) % 90)) }
        }
        try Data((lines.joined(separator: "\n") + "\n").utf8)
            .write(to: stack.taskDirectory(id).appendingPathComponent("data_pipeline.log"))
        let tail = assertSuccess(try client.get(taskPath(id, "/logs?limit=1000")))["logs"]?.array ?? []
        var queried: [JSON] = []
        for page in 1...2 {
            let data = assertSuccess(try client.postJSON(taskPath(id, "/logs/query"),
                                                         ["page": page, "page_size": 500, "sort_order": "asc"]))
            queried += data["logs"]?.array ?? []
        }
        XCTAssertEqual(tail.count, 900)
        XCTAssertEqual(queried.count, 900)
        XCTAssertEqual(tail.map { $0["message"]?.string ?? "" }, queried.map { $0["message"]?.string ?? "" })
        XCTAssertEqual(tail.last?["message"]?.string?.split(separator: "\n").count, 1 + 899 % 4)
    }

    func test_logsOfTaskWithoutLogFile_areEmpty() throws {
        let id = try createTask()
        let data = assertSuccess(try client.get(taskPath(id, "/logs")), response: "获取任务日志成功")
        XCTAssertEqual(data["logs"], .array([]))
        XCTAssertEqual(data["total"]?.int, 0)
    }

    func test_logQuery_keepsMultiLineEntryWhole() throws {
        let id = try taskWithLog()
        let data = assertSuccess(try client.postJSON(taskPath(id, "/logs/query"), ["level": "ERROR"]))
        let logs = try XCTUnwrap(data["logs"]?.array)
        XCTAssertEqual(logs.count, 1)
        XCTAssertEqual(logs.first?["step"]?.string, "sql_validation")
        let message = logs.first?["message"]?.string ?? ""
        XCTAssertTrue(message.hasPrefix(TaskLogsTests.errorMessageFirstLine + "\n"), message)
        XCTAssertTrue(message.contains("SQL: SELECT x FROM t;"), message)
        XCTAssertTrue(message.contains("HINT: check the column name"), message)
        XCTAssertEqual(data["pagination"]?["total"]?.int, 1)
    }

    func test_logQuery_keywordWithColons_findsWholeMessage() throws {
        let id = try taskWithLog()
        let data = assertSuccess(try client.postJSON(taskPath(id, "/logs/query"), ["keyword": "a: b: c"]))
        let logs = try XCTUnwrap(data["logs"]?.array)
        XCTAssertEqual(logs.count, 1)
        XCTAssertEqual(logs.first?["message"]?.string, "a: b: c")
        XCTAssertEqual(logs.first?["level"]?.string, "WARNING")
        XCTAssertEqual(logs.first?["logger"]?.string, "qa_generation")
    }

    func test_logQuery_pagesAndFiltersByStep() throws {
        let id = try taskWithLog()
        let page1 = assertSuccess(try client.postJSON(taskPath(id, "/logs/query"),
                                                      ["page": 1, "page_size": 2, "sort_order": "asc"]))
        XCTAssertEqual(page1["logs"]?.array?.count, 2)
        XCTAssertEqual(page1["logs"]?[0]?["timestamp"]?.string, "2026-01-05 10:00:01")
        let pagination = try XCTUnwrap(page1["pagination"])
        XCTAssertEqual(pagination["total"]?.int, 5)
        XCTAssertEqual(pagination["page"]?.int, 1)
        XCTAssertEqual(pagination["page_size"]?.int, 2)
        XCTAssertEqual(pagination["total_pages"]?.int, 3)
        XCTAssertEqual(pagination["has_next"], .bool(true))
        let page3 = assertSuccess(try client.postJSON(taskPath(id, "/logs/query"),
                                                      ["page": 3, "page_size": 2, "sort_order": "asc"]))
        XCTAssertEqual(page3["logs"]?.array?.map { $0["timestamp"]?.string ?? "?" }, ["2026-01-05 10:00:05"])

        let ddl = assertSuccess(try client.postJSON(taskPath(id, "/logs/query"), ["step": "ddl_generation"]))
        XCTAssertEqual(ddl["pagination"]?["total"]?.int, 2)
        let timed = assertSuccess(try client.postJSON(taskPath(id, "/logs/query"), [
            "start_time": "2026-01-05 10:00:02", "end_time": "2026-01-05 10:00:03",
        ]))
        XCTAssertEqual(timed["pagination"]?["total"]?.int, 2)
        assertFailure(try client.postJSON(taskPath(id, "/logs/query"), ["page_size": 501]), status: 400,
                      errorType: "invalid_params")
    }
}
