import Foundation
import XCTest

/// Complete mode (API.md §2.3, FORMATS.md `file_bak_<ts>/`): every step in order; a re-run first moves the previous
/// run's generated files to `file_bak_<ts>/` with `backup_info.json`, uploaded files stay.
final class ExecutionCompleteModeTests: ExecutionTestCase {
    override class var fixtureStatements: [String] { DDLGenerationFixture.slowStatements() }

    func test_completeRun_runsTheFourStepsInOrder_andWritesTheTaskResult() throws {
        let id = try createFixtureTask(tables: ["quick_table"])
        let started = assertSuccess(try execute(id, ["execution_mode": "complete"]), status: 202, response: "任务执行已启动")
        XCTAssertEqual(started["task_id"]?.string, id)
        XCTAssertEqual(started["execution_mode"]?.string, "complete")
        XCTAssertEqual(started["step_name"], .null)
        XCTAssertEqual(started["message"]?.string, "任务正在后台执行，请通过状态接口查询进度")
        XCTAssertFalse((started["execution_id"]?.string ?? "").isEmpty, started.description)

        let status = try waitUntilFinished(id)
        XCTAssertEqual(status["status"]?.string, "completed", status.description)
        XCTAssertEqual(status["error_message"], .null, status.description)
        let steps = ["ddl_generation", "qa_generation", "sql_validation", "training_load"]
        for name in steps {
            XCTAssertEqual(step(name, of: status)["step_status"]?.string, "completed", name)
        }
        let startTimes = steps.compactMap { step($0, of: status)["started_at"]?.string }
        XCTAssertEqual(startTimes, startTimes.sorted(), "steps ran in order")
        XCTAssertEqual(status["result"]?["ddl_generation"]?["processed_successfully"]?.int, 1, status.description)
        XCTAssertGreaterThan(status["result"]?["qa_generation"]?["total_questions"]?.int ?? 0, 0, status.description)
        XCTAssertGreaterThan(status["result"]?["training_load"]?["items_loaded"]?.int ?? 0, 0, status.description)
        XCTAssertNotNil(taskFile(id, "quick_table.ddl"))
        XCTAssertNotNil(taskFile(id, "task_config.json"))
        let taskResult = try XCTUnwrap(taskFile(id, "task_result.json").flatMap { JSON.parse(Data($0.utf8)) })
        XCTAssertEqual(taskResult["steps"]?.keys, Set(steps))
    }

    func test_completeRun_movesPreviousGeneratedFilesToBackup_andLeavesUploadedFilesInPlace() throws {
        let id = try createFixtureTask(tables: ["quick_table"])
        try executeDDLStep(id)
        XCTAssertEqual(try waitUntilFinished(id)["status"]?.string, "partial_completed")
        let firstDDL = try XCTUnwrap(taskFile(id, "quick_table.ddl"))
        let notes = "-- 业务备注\nSELECT 1;\n"
        assertSuccess(try upload(id, "notes.sql", notes))

        assertSuccess(try execute(id, ["execution_mode": "complete"]), status: 202)
        try waitUntilFinished(id)

        let backups = taskFileNames(id).filter { $0.hasPrefix("file_bak_") }
        XCTAssertEqual(backups.count, 1, "\(taskFileNames(id))")
        let backup = try XCTUnwrap(backups.first)
        XCTAssertNotNil(backup.range(of: #"^file_bak_\d{8}_\d{6}"#, options: .regularExpression), backup)
        let backupDirectory = stack.taskDirectory(id).appendingPathComponent(backup)
        let moved = Set((try? FileManager.default.contentsOfDirectory(atPath: backupDirectory.path)) ?? [])
        XCTAssertEqual(moved, ["quick_table.ddl", "quick_table_detail.md", "filename_mapping.txt",
                               "ddl_generation_result.json", "quality_report.json", "backup_info.json"])
        XCTAssertEqual(FileManager.default.contents(atPath: backupDirectory.appendingPathComponent("quick_table.ddl").path)
                           .map { String(decoding: $0, as: UTF8.self) }, firstDDL)
        let info = FileManager.default.contents(atPath: backupDirectory.appendingPathComponent("backup_info.json").path)
            .flatMap(JSON.parse)
        XCTAssertEqual(Set((info?["moved_files"]?.array ?? []).compactMap(\.string)),
                       ["quick_table.ddl", "quick_table_detail.md", "filename_mapping.txt", "ddl_generation_result.json",
                        "quality_report.json"],
                       info?.description ?? "backup_info.json missing or not JSON")

        XCTAssertEqual(taskFile(id, "notes.sql"), notes, "the uploaded file stays in place, unchanged")
        XCTAssertNotNil(taskFile(id, "table_list.txt"))
        XCTAssertNotNil(taskFile(id, "data_pipeline.log"))
        XCTAssertEqual(taskFile(id, "quick_table.ddl"), firstDDL, "the re-run wrote the table's files again")
    }
}
