import Foundation
import XCTest

/// Complete mode (API.md §2.3, FORMATS.md `file_bak_<ts>/`): every step in order; a re-run first moves the previous
/// run's generated files to `file_bak_<ts>/` with `backup_info.json`, uploaded files stay.
final class ExecutionCompleteModeTests: ExecutionTestCase {
    override class var fixtureStatements: [String] { DDLGenerationFixture.slowStatements() }

    /// Steps 2–4 are not implemented in this build (StepCatalog: `UnavailableStep`). When they are, this test must
    /// change to expect `completed`.
    func test_completeRun_endsFailedAtQAGeneration_untilSteps2To4AreImplemented() throws {
        let id = try createFixtureTask(tables: ["quick_table"])
        let started = assertSuccess(try execute(id, ["execution_mode": "complete"]), status: 202, response: "任务执行已启动")
        XCTAssertEqual(started["task_id"]?.string, id)
        XCTAssertEqual(started["execution_mode"]?.string, "complete")
        XCTAssertEqual(started["step_name"], .null)
        XCTAssertEqual(started["message"]?.string, "任务正在后台执行，请通过状态接口查询进度")
        XCTAssertFalse((started["execution_id"]?.string ?? "").isEmpty, started.description)

        let status = try waitUntilFinished(id)
        XCTAssertEqual(status["status"]?.string, "failed", status.description)
        XCTAssertEqual(status["error_message"]?.string, "该步骤尚未实现: qa_generation", status.description)
        XCTAssertEqual(step("ddl_generation", of: status)["step_status"]?.string, "completed", status.description)
        let qa = step("qa_generation", of: status)
        XCTAssertEqual(qa["step_status"]?.string, "failed", qa.description)
        XCTAssertEqual(qa["error_message"]?.string, "该步骤尚未实现: qa_generation")
        for later in ["sql_validation", "training_load"] {
            XCTAssertEqual(step(later, of: status)["step_status"]?.string, "pending", later)
        }
        XCTAssertEqual(status["result"]?["ddl_generation"]?["processed_successfully"]?.int, 1, status.description)
        XCTAssertNotNil(taskFile(id, "quick_table.ddl"))
        XCTAssertNotNil(taskFile(id, "task_config.json"))
        XCTAssertNil(taskFile(id, "task_result.json"), "task_result.json is for a finished complete run")
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
                               "ddl_generation_result.json", "backup_info.json"])
        XCTAssertEqual(FileManager.default.contents(atPath: backupDirectory.appendingPathComponent("quick_table.ddl").path)
                           .map { String(decoding: $0, as: UTF8.self) }, firstDDL)
        let info = FileManager.default.contents(atPath: backupDirectory.appendingPathComponent("backup_info.json").path)
            .flatMap(JSON.parse)
        XCTAssertEqual(Set((info?["moved_files"]?.array ?? []).compactMap(\.string)),
                       ["quick_table.ddl", "quick_table_detail.md", "filename_mapping.txt", "ddl_generation_result.json"],
                       info?.description ?? "backup_info.json missing or not JSON")

        XCTAssertEqual(taskFile(id, "notes.sql"), notes, "the uploaded file stays in place, unchanged")
        XCTAssertNotNil(taskFile(id, "table_list.txt"))
        XCTAssertNotNil(taskFile(id, "data_pipeline.log"))
        XCTAssertEqual(taskFile(id, "quick_table.ddl"), firstDDL, "the re-run wrote the table's files again")
    }
}
