import Foundation
import XCTest

/// A complete run on the sample database of `deploy/sample/` (issue 4's must-show): every step completes with the
/// built-in providers, every loaded pair plans and executes on the business database, search finds the pairs.
final class PipelineHighwaySampleTests: PipelineRunTestCase {
    override class var fixtureScript: String? { "deploy/sample/highway_db.sql" }

    static let tables = [
        "bss_company", "bss_service_area", "bss_branch", "bss_section_route", "bss_section_route_area_link",
        "bss_service_area_mapper", "bss_business_day_data", "bss_car_day_count", "highway_metadata", "qa_feedback",
    ]

    func test_completeRun_loadsPairsThatAllRun_andSearchFindsThem() throws {
        let id = try createTask(["db_connection": try fixtureURL(), "business_context": "高速公路服务区管理系统"])
        assertSuccess(try client.postJSON(taskPath(id, "/table-list"), ["tables": Self.tables]))
        let status = try runComplete(id)
        let result = status["result"] ?? .null
        XCTAssertEqual(result["ddl_generation"]?["processed_successfully"]?.int, Self.tables.count, result.description)
        let generated = try XCTUnwrap(result["qa_generation"]?["total_questions"]?.int, result.description)
        XCTAssertGreaterThanOrEqual(generated, 40, "5 themes × 10 pairs, minus duplicates")
        XCTAssertEqual(result["sql_validation"]?["valid_sql_count"]?.int, generated, "every built-in pair is valid")
        XCTAssertEqual(result["sql_validation"]?["invalid_sql_count"]?.int, 0)
        // The execution check takes out the pairs that return nothing useful (docs/execution-check.md).
        let check = result["sql_validation"]?["execution_check"] ?? .null
        XCTAssertEqual(check["checked"]?.int, generated, check.description)
        XCTAssertEqual(check["classes"]?["timeout"]?.int, 0, check.description)
        XCTAssertEqual(check["classes"]?["error"]?.int, 0, check.description)
        // Filtered pairs are replaced in place by step 2's candidates that run `ok`.
        let kept = generated - (check["filtered"]?.int ?? 0) + (check["replaced"]?.int ?? 0)
        XCTAssertGreaterThanOrEqual(kept, 40, check.description)

        let names = Set(taskFileNames(id))
        let pairFile = try XCTUnwrap(names.first { $0.hasPrefix("qs_") && $0.hasSuffix("_pair.json") }, "\(names)")
        XCTAssertTrue(pairFile.hasPrefix("qs_\(try fixtureDatabase())_"), pairFile)
        for expected in [pairFile + ".backup", "metadata.txt", "metadata_detail.md", "db_query_decision_prompt.txt",
                         "task_result.json", "qa_generation_result.json", "sql_validation_result.json", "training_load_result.json"] {
            XCTAssertTrue(names.contains(expected), "\(expected) missing from \(names.sorted())")
        }
        XCTAssertTrue(names.contains { $0.hasPrefix("sql_validation_") && $0.hasSuffix("_summary.log") })
        XCTAssertTrue(names.contains { $0.hasPrefix("sql_validation_") && $0.hasSuffix("_report.json") })
        XCTAssertTrue(taskFile(id, "db_query_decision_prompt.txt")?.hasPrefix("=== 数据库业务范围 ===") ?? false)

        // 100 % of the loaded pairs plan and execute, read-only, on the business database.
        let pairs = try loadedPairs(id)
        XCTAssertEqual(pairs.count, kept, "every pair left in the file was loaded")
        XCTAssertEqual(try failuresToRun(pairs.map(\.sql), url: try fixtureURL()), [])

        // The loaded items: one DDL item per table, documentation chunks, the pairs.
        let load = result["training_load"] ?? .null
        XCTAssertEqual(load["by_type"]?["ddl"]?.int, Self.tables.count, load.description)
        XCTAssertGreaterThanOrEqual(load["by_type"]?["documentation"]?.int ?? 0, Self.tables.count)
        XCTAssertEqual(load["by_type"]?["sql"]?.int, kept)

        // Search: a pair's own question finds it first; paraphrased questions find it in the top 5.
        for pair in pairs.prefix(5) {
            XCTAssertEqual(try searchIDs(pair.question, topK: 3).first, pair.id, pair.question)
        }
        var hits = 0
        for pair in pairs {
            let paraphrased = Paraphrase.of(pair.question)
            XCTAssertNotEqual(paraphrased, pair.question, "the paraphrase changes the wording")
            if try searchIDs(paraphrased, topK: 5).contains(pair.id) { hits += 1 }
        }
        let recall = Double(hits) / Double(pairs.count)
        print("search recall@5 over \(pairs.count) paraphrased questions (built-in hashing embedder): \(String(format: "%.3f", recall))")
        XCTAssertGreaterThanOrEqual(recall, 0.8)

        // The quality report is served as written, and its pair count is the file's.
        let quality = try client.get(taskPath(id, "/quality"))
        XCTAssertEqual(quality.status, 200, String(decoding: quality.body, as: UTF8.self))
        XCTAssertEqual(quality.data["quality"]?["measures"]?["pairs"]?["value"]?.int, kept, String(decoding: quality.body, as: UTF8.self))
        XCTAssertEqual(quality.data["task_id"]?.string, id)

        // One call gives an NL2SQL prompt what it needs, within the budget, with whole DDL statements.
        let database = try fixtureDatabase()
        for budget in [400, 3000] {
            let context = assertSuccess(try client.postJSON(EndToEndTestCase.api + "/training_data/context",
                                                            ["question": "上个月哪个服务区营收最高？", "db_name": database, "budget_tokens": budget]))
            let used = try XCTUnwrap(context["used_tokens"]?.int)
            XCTAssertLessThanOrEqual(used, budget, context.description)
            let sections = ["question_sql", "ddl", "documentation", "error_sql"].flatMap { context[$0]?.array ?? [] }
            XCTAssertEqual(sections.compactMap { $0["tokens"]?.int }.reduce(0, +) <= used, true)
            for ddl in context["ddl"]?.array ?? [] {
                let text = ddl["content"]?.string ?? ""
                let end = text.trimmingCharacters(in: .whitespacesAndNewlines)
                XCTAssertTrue(text.lowercased().contains("create table") && (end.hasSuffix(")") || end.hasSuffix(");")),
                              "a whole DDL statement: \(text.prefix(200))")
                XCTAssertEqual(text.filter { $0 == "(" }.count, text.filter { $0 == ")" }.count, "balanced: \(text.prefix(200))")
            }
            if budget == 3000 {
                XCTAssertFalse(context["question_sql"]?.array?.isEmpty ?? true, context.description)
                XCTAssertFalse(context["ddl"]?.array?.isEmpty ?? true, context.description)
                XCTAssertFalse(context["semantic_notes"]?.array?.isEmpty ?? true, "the semantic model's notes: \(context)")
            }
        }

        // metadata.txt is valid SQL: it creates the metadata table with one row per theme.
        let themes = try XCTUnwrap(result["qa_generation"]?["total_themes"]?.int)
        let scratch = "e2e_meta_\(UUID().uuidString.prefix(8).lowercased())"
        try admin.run(["CREATE DATABASE \(scratch)"])
        defer { try? admin.run(["DROP DATABASE IF EXISTS \(scratch) WITH (FORCE)"]) }
        try admin.runFile(taskFileURL(id, "metadata.txt").path, database: scratch)
        XCTAssertEqual(try queryValue("SELECT count(*) FROM metadata", url: admin.url(of: scratch)), String(themes))
    }

    func test_reloadingTheSameTask_addsNothing() throws {
        let id = try createTask(["db_connection": try fixtureURL(), "business_context": "高速公路服务区管理系统"])
        assertSuccess(try client.postJSON(taskPath(id, "/table-list"), ["tables": ["bss_service_area", "bss_car_day_count"]]))
        let first = try runComplete(id)["result"]?["training_load"] ?? .null
        let loaded = try XCTUnwrap(first["items_loaded"]?.int, first.description)
        // The store is shared: items another task already loaded (same content) count as existing, not new.
        XCTAssertEqual((first["items_new"]?.int ?? 0) + (first["items_existing"]?.int ?? 0), loaded, first.description)
        let totalBefore = try XCTUnwrap(first["store_totals"]?["total"]?.int)

        assertSuccess(try execute(id, ["execution_mode": "step", "step_name": "training_load"]), status: 202)
        let again = try waitUntilFinished(id)["result"]?["training_load"] ?? .null
        XCTAssertEqual(again["items_loaded"]?.int, loaded, again.description)
        XCTAssertEqual(again["items_new"]?.int, 0, "re-loading adds nothing")
        XCTAssertEqual(again["items_existing"]?.int, loaded)
        XCTAssertEqual(again["items_removed"]?.int, 0)
        XCTAssertEqual(again["store_totals"]?["total"]?.int, totalBefore, "the store holds as many items as before")
    }

    func test_vectorFlags_backUpAndEmptyTheStoreBeforeLoading_andSkipTrainingLoadsNothing() throws {
        let id = try createTask(["db_connection": try fixtureURL(), "business_context": "高速公路服务区管理系统"])
        assertSuccess(try client.postJSON(taskPath(id, "/table-list"), ["tables": ["bss_company", "bss_service_area"]]))
        let first = try runComplete(id)["result"]?["training_load"] ?? .null
        let loaded = try XCTUnwrap(first["items_loaded"]?.int)
        let totalBefore = try XCTUnwrap(first["store_totals"]?["total"]?.int)
        // Every item knows its business database (the name only), for scoped search.
        let dbName = try fixtureDatabase()
        // (The stack's store is shared with other tests: only this task's items are looked at.)
        let tagged = try queryValue("SELECT count(*) FILTER (WHERE db_name IS DISTINCT FROM '\(dbName)') || '/' || count(*) "
                                    + "FROM training_items WHERE '\(id)' = ANY(task_ids)", url: stateAdminURL)
        XCTAssertEqual(tagged, "0/\(loaded)")

        assertSuccess(try execute(id, ["execution_mode": "step", "step_name": "training_load",
                                       "backup_vector_tables": true, "truncate_vector_tables": true]), status: 202)
        let flagged = try waitUntilFinished(id)["result"]?["training_load"] ?? .null
        let management = flagged["vector_management"] ?? .null
        XCTAssertEqual(management["backup_performed"]?.bool, true, flagged.description)
        XCTAssertEqual(management["truncate_performed"]?.bool, true)
        XCTAssertEqual(management["rows_backed_up"]?.int, totalBefore)
        XCTAssertEqual(management["rows_truncated"]?.int, totalBefore)
        XCTAssertEqual(flagged["items_new"]?.int, loaded, "after emptying the store everything is new again")
        XCTAssertEqual(flagged["store_totals"]?["total"]?.int, loaded)
        let backupFile = try XCTUnwrap(management["backup_file"]?.string)
        let csv = try XCTUnwrap(taskFile(id, "vector_bak/\(backupFile)"))
        XCTAssertTrue(csv.hasPrefix("id,training_data_type,question,content,tables,task_id,created_at,embedding_model,embedding"))
        XCTAssertNotNil(taskFile(id, "vector_bak/vector_backup_log.txt"))

        assertSuccess(try execute(id, ["execution_mode": "step", "step_name": "training_load", "skip_training": true]), status: 202)
        let skipped = try waitUntilFinished(id)["result"]?["training_load"] ?? .null
        XCTAssertEqual(skipped["skipped_training"]?.bool, true, skipped.description)
        XCTAssertEqual(try queryValue("SELECT count(*) FROM training_items", url: stateAdminURL), String(loaded))
    }
}
