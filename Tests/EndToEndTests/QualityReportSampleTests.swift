import Foundation
import XCTest

/// Issue 15's must-show: after a complete run on each sample database, `quality_report.json` exists and every
/// measure it shares with `scripts/quality_measures.py` (an independent Python implementation that runs the SQL
/// itself) has the same counts and value.
class QualityReportSampleTestCase: PipelineRunTestCase {
    /// The sample's name under `deploy/sample/` (`<sample>.sql`, `<sample>.tables`).
    class var sample: String { "" }

    func assertReportEqualsIndependentMeasures(file: StaticString = #filePath, line: UInt = #line) throws {
        let root = EndToEndTestCase.repositoryRoot
        let tables = try String(contentsOf: root.appendingPathComponent("deploy/sample/\(Self.sample).tables"), encoding: .utf8)
            .split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let id = try createTask(["db_connection": try fixtureURL(), "business_context": "\(Self.sample) 样例库"])
        assertSuccess(try client.postJSON(taskPath(id, "/table-list"), ["tables": tables]))
        try runComplete(id, timeout: 300)
        // The training-data store is shared by every test of the stack, and the sample's pairs have content-derived
        // ids: other tests load the same items and expect to be their first owner.
        defer { releaseStoreClaims(of: id) }

        let report = try XCTUnwrap(taskFile(id, "quality_report.json").flatMap { JSON.parse(Data($0.utf8)) },
                                   "quality_report.json missing: \(taskFileNames(id))", file: file, line: line)
        XCTAssertEqual(report["written_after"]?.string, "training_load", file: file, line: line)
        let independent = try pythonMeasures(taskDirectory: stack.taskDirectory(id).path)
        let ours = report["measures"]?.object ?? [:]
        var compared: [String] = []
        for (name, theirs) in (independent["measures"]?.object ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard case .number(let expected)? = theirs["value"], let mine = ours[name] else { continue }
            guard case .number(let actual)? = mine["value"] else {
                XCTFail("\(name): the report has no value (\(mine.description)), the Python has \(expected)", file: file, line: line)
                continue
            }
            XCTAssertEqual(mine["detail"]?.string, theirs["detail"]?.string, "\(Self.sample) \(name)", file: file, line: line)
            XCTAssertEqual(actual, expected, accuracy: 0.00011, "\(Self.sample) \(name)", file: file, line: line)
            compared.append(name)
            print("quality \(Self.sample): \(name.padding(toLength: 14, withPad: " ", startingAt: 0)) report \(mine["detail"]?.string ?? "") | python \(theirs["detail"]?.string ?? "")")
        }
        // Every measure but retrieval by labelled questions is computed by both.
        XCTAssertEqual(Set(compared), Set(ours.keys), "measures compared", file: file, line: line)

        // The retrieval self-test ran after training_load and found the pairs by their own questions.
        let retrieval = try XCTUnwrap(report["retrieval"], file: file, line: line)
        let own = retrieval["own_questions"] ?? .null
        XCTAssertGreaterThan(own["questions"]?.int ?? 0, 0, retrieval.description, file: file, line: line)
        XCTAssertGreaterThan(retrieval["paraphrases"]?["questions"]?.int ?? 0, 0, retrieval.description, file: file, line: line)
        if case .number(let recall)? = own["recall_at_5"] { XCTAssertGreaterThanOrEqual(recall, 0.8, file: file, line: line) }
        print("quality \(Self.sample): retrieval self-test \(retrieval.description)")
        print("quality \(Self.sample): shapes \(report["shapes"]?["placeholder_shapes"]?.description ?? "-") placeholder / \(report["shapes"]?["fingerprints"]?.description ?? "-") fingerprints, difficulty \(report["difficulty"]?.description ?? "-"), relationships used \(report["relationships"]?["used"]?.description ?? "-")/\(report["relationships"]?["available"]?.description ?? "-"), execution \(report["execution"]?["classes"]?.description ?? "-")")
        print("quality \(Self.sample): warnings \((report["warnings"]?.array ?? []).compactMap { $0["kind"]?.string })")
        print("quality \(Self.sample): \(report["warnings"]?.array?.count ?? 0) warnings, report built in \(report["duration_ms"]?.int ?? -1) ms")
    }

    /// Takes this task's claim off the items it loaded, as the store does when a task stops producing an item: an
    /// item no other task claims is deleted, another task becomes the first owner of the rest.
    private func releaseStoreClaims(of id: String) {
        let output = try? ProcessRunner.run(PostgresAdmin.psql, [
            "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", stateAdminURL,
            "-c", "DELETE FROM training_items WHERE task_ids = ARRAY['\(id)']::text[]",
            "-c", """
                UPDATE training_items SET task_ids = array_remove(task_ids, '\(id)'),
                    task_id = CASE WHEN task_id = '\(id)' THEN (array_remove(task_ids, '\(id)'))[1] ELSE task_id END
                WHERE '\(id)' = ANY(task_ids)
                """,
        ])
        XCTAssertEqual(output?.status, 0, output?.standardError ?? "psql did not run")
    }

    /// `python3 scripts/quality_measures.py measure <task dir> <db>` with the business URL on stdin: its
    /// `QUALITY_JSON` record.
    private func pythonMeasures(taskDirectory: String) throws -> JSON {
        var environment = ProcessInfo.processInfo.environment
        let psqlDirectory = (PostgresAdmin.psql as NSString).deletingLastPathComponent
        environment["PATH"] = "\(psqlDirectory):\(environment["PATH"] ?? "/usr/bin:/bin")"
        let script = EndToEndTestCase.repositoryRoot.appendingPathComponent("scripts/quality_measures.py").path
        let output = try ProcessRunner.run("/usr/bin/env", ["python3", "-B", script, "measure", taskDirectory, try fixtureDatabase()],
                                           environment: environment, input: Data(try fixtureURL().utf8))
        XCTAssertEqual(output.status, 0, output.standardError)
        print(output.standardOutput)
        let line = try XCTUnwrap(output.standardOutput.split(separator: "\n").first { $0.hasPrefix("QUALITY_JSON ") },
                                 output.standardOutput + output.standardError)
        return try XCTUnwrap(JSON.parse(Data(line.dropFirst("QUALITY_JSON ".count).utf8)))
    }
}

final class HighwayQualityReportTests: QualityReportSampleTestCase {
    override class var fixtureScript: String? { "deploy/sample/highway_db.sql" }
    override class var sample: String { "highway_db" }

    func test_completeRun_reportEqualsIndependentMeasures() throws {
        try assertReportEqualsIndependentMeasures()
    }

    /// Step mode: the report is written by whichever step ran last, with what that step allows.
    func test_stepMode_afterQAGeneration_reportHasTheStaticMeasuresOnly() throws {
        let id = try createTask(["db_connection": try fixtureURL(), "business_context": "高速公路服务区管理系统"])
        assertSuccess(try client.postJSON(taskPath(id, "/table-list"), ["tables": ["bss_service_area", "bss_business_day_data"]]))
        for step in ["ddl_generation", "qa_generation"] {
            assertSuccess(try execute(id, ["execution_mode": "step", "step_name": step]), status: 202)
            XCTAssertEqual(try waitUntilFinished(id)["steps"]?[step]?["status"]?.string ?? "completed", "completed")
            let report = try XCTUnwrap(taskFile(id, "quality_report.json").flatMap { JSON.parse(Data($0.utf8)) }, step)
            XCTAssertEqual(report["written_after"]?.string, step)
            XCTAssertTrue(report["measures"]?["executes"]?["value"]?.isNull ?? false, "no SQL was run yet")
            XCTAssertTrue(report["retrieval"]?.isNull ?? true)
            if step == "qa_generation" {
                XCTAssertGreaterThan(report["measures"]?["pairs"]?["value"]?.int ?? 0, 0, report.description)
                XCTAssertNotNil(report["measures"]?["multi-table"]?["ok"]?.bool)
            }
        }
    }
}

final class RetailQualityReportTests: QualityReportSampleTestCase {
    override class var fixtureScript: String? { "deploy/sample/retail_db.sql" }
    override class var sample: String { "retail_db" }

    func test_completeRun_reportEqualsIndependentMeasures() throws {
        try assertReportEqualsIndependentMeasures()
    }
}
