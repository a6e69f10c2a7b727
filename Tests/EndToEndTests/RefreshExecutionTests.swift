import FakeOpenAI
import Foundation
import XCTest

/// `execute` with `execution_mode: "refresh"` (issue 18, 2 and 3): after a complete run on a copy of the highway
/// sample the database is altered (a column added, one used by some pairs dropped, one retyped, an enum value
/// added, a table added); the drift report names exactly those changes and the pairs they break, and a refresh
/// rewrites only the altered tables' files, drops exactly the broken pairs, adds pairs for the altered tables and
/// leaves every other item's id as it was.
final class RefreshExecutionTests: PipelineRunTestCase {
    override class var fixtureScript: String? { "deploy/sample/highway_db.sql" }

    static let alterations = [
        "ALTER TABLE public.bss_company ADD COLUMN credit_code varchar(32)",
        "ALTER TABLE public.bss_car_day_count DROP COLUMN car_type",
        "ALTER TABLE public.bss_business_day_data ALTER COLUMN wx_order TYPE bigint",
        """
        INSERT INTO public.bss_service_area (id, version, service_area_name, service_state)
        VALUES ('drift-1', 1, '新服务区一', '维修中'), ('drift-2', 1, '新服务区二', '维修中')
        """,
        "ANALYZE public.bss_service_area",
        "CREATE TABLE public.bss_fuel_price (id serial PRIMARY KEY, price numeric(10,2))",
        "GRANT SELECT ON public.bss_fuel_price TO PUBLIC",
    ]
    static let altered = ["bss_company", "bss_car_day_count", "bss_business_day_data", "bss_service_area"]

    struct StoredItem: Hashable {
        var id: String
        var type: String
        var tables: String
    }

    /// Every item this task claims in the store.
    func storedItems(_ id: String) throws -> [StoredItem] {
        let output = try ProcessRunner.run(PostgresAdmin.psql, [
            "-X", "-At", "-v", "ON_ERROR_STOP=1", "-F", "\u{1F}", "-d", stateAdminURL, "-c",
            "SELECT id, training_data_type, array_to_string(tables, ',') FROM training_items WHERE '\(id)' = ANY(task_ids) ORDER BY id",
        ])
        XCTAssertEqual(output.status, 0, output.standardError)
        return output.standardOutput.split(separator: "\n").compactMap { line in
            let fields = line.components(separatedBy: "\u{1F}")
            return fields.count == 3 ? StoredItem(id: fields[0], type: fields[1], tables: fields[2]) : nil
        }
    }

    /// Contents and modification times of the task's table documents.
    func documents(_ id: String) throws -> [String: (Data, Date)] {
        var files: [String: (Data, Date)] = [:]
        for name in taskFileNames(id) where name.hasSuffix(".ddl") || name.hasSuffix("_detail.md") {
            let url = taskFileURL(id, name)
            let modified = try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date ?? .distantPast
            files[name] = (try Data(contentsOf: url), modified)
        }
        return files
    }

    func runRefresh(_ id: String, timeout: TimeInterval = 180) throws -> JSON {
        assertSuccess(try execute(id, ["execution_mode": "refresh"]), status: 202)
        let status = try waitUntilFinished(id, timeout: timeout)
        XCTAssertEqual(status["status"]?.string, "completed", "\(status.description.prefix(3000))\n\(logText(id).suffix(3000))")
        return status
    }

    func test_refresh_rewritesOnlyTheAlteredTables_dropsExactlyTheBrokenPairs_andKeepsEveryOtherItemID() throws {
        let id = try createTask(["db_connection": try fixtureURL(), "business_context": "高速公路服务区管理系统"])
        assertSuccess(try client.postJSON(taskPath(id, "/table-list"), ["tables": PipelineHighwaySampleTests.tables]))
        defer { _ = try? queryValue("DELETE FROM training_items WHERE '\(id)' = ANY(task_ids)", url: stateAdminURL) }
        let completeStarted = Date()
        try runComplete(id)
        let completeSeconds = Date().timeIntervalSince(completeStarted)

        // Nothing changed yet: a refresh rewrites no document and the store keeps every item.
        let untouched = try documents(id)
        let itemsAtFirst = try storedItems(id)
        let idle = try runRefresh(id)
        XCTAssertEqual(idle["result"]?["refresh"]?["drifted"], .bool(false), idle["result"]?["refresh"]?.description ?? "")
        XCTAssertEqual(try documents(id).mapValues(\.1), untouched.mapValues(\.1), "no document rewritten")
        XCTAssertEqual(Set(try storedItems(id).filter { $0.type != "error_sql" }), Set(itemsAtFirst.filter { $0.type != "error_sql" }))

        try admin.run(Self.alterations, database: try fixtureDatabase())
        let drift = assertSuccess(try client.get(taskPath(id, "/drift")), response: "检查完成：业务数据库已发生变更")
        let changes = Set((drift["changes"]?.array ?? []).map { change in
            [change["kind"]?.string, change["table"]?.string, change["column"]?.string].map { $0 ?? "-" }.joined(separator: " ")
        })
        XCTAssertEqual(changes, [
            "column_added public.bss_company credit_code", "column_gone public.bss_car_day_count car_type",
            "column_retyped public.bss_business_day_data wx_order", "value_added public.bss_service_area service_state",
            "table_added public.bss_fuel_price -",
        ], drift["changes"]?.description ?? "")
        let broken = Set((drift["broken_pairs"]?.array ?? []).compactMap { $0["id"]?.string })
        let pairsBefore = try loadedPairs(id)
        let failing = Set(try failuresToRun(pairsBefore.map(\.sql), url: try fixtureURL()).compactMap { failure in
            pairsBefore.first { failure.hasPrefix($0.sql + "\n") }?.id
        })
        XCTAssertFalse(broken.isEmpty, "some pair used car_type")
        XCTAssertEqual(broken, failing, "the report names exactly the pairs psql can no longer run")

        let before = try documents(id)
        let itemsBefore = try storedItems(id)
        let refreshStarted = Date()
        let status = try runRefresh(id)
        let stepSeconds = ["ddl_generation", "qa_generation", "sql_validation", "training_load"].map { step in
            "\(step) \(status["result"]?[step]?["duration"]?.description ?? "-")"
        }
        print(String(format: "complete run %.1f s, refresh of the altered sample %.1f s (wall clock, polling included); ",
                     completeSeconds, Date().timeIntervalSince(refreshStarted)) + "refresh steps (s): \(stepSeconds.joined(separator: ", "))")
        let refresh = status["result"]?["refresh"] ?? .null
        print("refresh result: \(refresh.description.prefix(4000))\nvalidation: \(status["result"]?["sql_validation"]?.description.prefix(2000) ?? "-")")
        XCTAssertEqual(refresh["drifted"], .bool(true))
        XCTAssertEqual(Set((refresh["tables_changed"]?.array ?? []).compactMap { $0["table"]?.string }),
                       Set(Self.altered.map { "public.\($0)" }), refresh.description)
        XCTAssertEqual((refresh["tables_added"]?.array ?? []).compactMap { $0["table"]?.string }, ["public.bss_fuel_price"])
        XCTAssertEqual(refresh["tables_unchanged"]?.int, PipelineHighwaySampleTests.tables.count - Self.altered.count)
        XCTAssertTrue((refresh["tables_changed"]?.array ?? []).allSatisfy { !($0["changes"]?.array ?? []).isEmpty }, "each with its reason")

        // Files: the altered tables' documents are rewritten, the new table's written, every other one untouched.
        let after = try documents(id)
        for (name, (data, modified)) in before {
            let table = String(name.hasSuffix(".ddl") ? name.dropLast(4) : name.dropLast("_detail.md".count))
            if Self.altered.contains(table) {
                XCTAssertNotEqual(after[name]?.1, modified, "\(name) of an altered table is rewritten")
            } else {
                XCTAssertEqual(after[name]?.0, data, "\(name) is byte for byte as it was")
                XCTAssertEqual(after[name]?.1, modified, "\(name) was not written at all")
            }
        }
        XCTAssertTrue(after["bss_fuel_price.ddl"].map { String(decoding: $0.0, as: UTF8.self).contains("price") } ?? false)
        XCTAssertNotNil(after["bss_fuel_price_detail.md"])
        XCTAssertTrue(after["bss_company.ddl"].map { String(decoding: $0.0, as: UTF8.self).contains("credit_code") } ?? false)
        XCTAssertFalse(after["bss_car_day_count.ddl"].map { String(decoding: $0.0, as: UTF8.self).contains("car_type") } ?? true)
        XCTAssertTrue(taskFile(id, "table_list.txt")?.contains("bss_fuel_price") ?? false, "the new table joins the table list")

        // The log says it per table.
        let log = logText(id)
        for table in Self.altered { XCTAssertTrue(log.contains("表 public.\(table) 已变更，重新生成文档"), table) }
        for table in PipelineHighwaySampleTests.tables where !Self.altered.contains(table) {
            XCTAssertTrue(log.contains("表 public.\(table) 未变更，保留原文档"), table)
        }
        XCTAssertTrue(log.contains("表 public.bss_fuel_price 为新增表"))

        // The store: exactly the broken pairs gone, the new pairs added (each about an altered or added table), every
        // other pair and every item of an untouched table (or of none) keeps its id.
        let itemsAfter = try storedItems(id)
        let sqlBefore = Set(itemsBefore.filter { $0.type == "sql" }.map(\.id))
        let sqlAfter = Set(itemsAfter.filter { $0.type == "sql" }.map(\.id))
        XCTAssertEqual(sqlBefore.subtracting(sqlAfter), broken, "the store lost exactly the broken pairs")
        let gained = sqlAfter.subtracting(sqlBefore)
        XCTAssertEqual(gained.count, refresh["pairs_added"]?.int, refresh.description)
        XCTAssertEqual((refresh["pairs_dropped"]?.array ?? []).count, broken.count)
        let redone = Set((Self.altered + ["bss_fuel_price"]).map { "public.\($0)" })
        for item in itemsAfter where gained.contains(item.id) {
            XCTAssertFalse(Set(item.tables.split(separator: ",").map(String.init)).isDisjoint(with: redone), "new pair \(item)")
        }
        let kept = itemsBefore.filter { item in
            item.type != "sql" && item.type != "error_sql"
                && Set(item.tables.split(separator: ",").map(String.init)).isDisjoint(with: redone)
        }
        XCTAssertFalse(kept.isEmpty)
        XCTAssertEqual(Set(kept).subtracting(itemsAfter), [], "items of untouched tables keep their ids")
        let ddlOfNewTable = itemsAfter.filter { $0.type == "ddl" && $0.tables == "public.bss_fuel_price" }
        XCTAssertFalse(ddlOfNewTable.isEmpty, "the new table's DDL is loaded")
        print("refresh on the altered highway sample: pairs \(sqlBefore.count) -> \(sqlAfter.count) (dropped \(broken.count), added \(gained.count)); "
              + "items \(itemsBefore.count) -> \(itemsAfter.count), \(kept.count) items of untouched tables kept their ids")

        // Afterwards every loaded pair runs, and the report finds no drift.
        XCTAssertEqual(try failuresToRun(try loadedPairs(id).map(\.sql), url: try fixtureURL()), [])
        let again = assertSuccess(try client.get(taskPath(id, "/drift")), response: "检查完成：业务数据库未发生变更")
        XCTAssertEqual(again["summary"]?["pairs_broken"]?.int, 0, again.description.prefix(3000).description)

        // A table dropped: its documents move to a file_bak_* directory, its items leave the store, nothing else moves.
        let beforeDrop = try documents(id)
        try admin.run(["DROP TABLE public.highway_metadata"], database: try fixtureDatabase())
        let dropped = try runRefresh(id)["result"]?["refresh"] ?? .null
        XCTAssertEqual((dropped["tables_gone"]?.array ?? []).compactMap { $0["table"]?.string }, ["public.highway_metadata"], dropped.description)
        XCTAssertEqual(dropped["files_removed"]?.array?.compactMap(\.string), ["highway_metadata.ddl", "highway_metadata_detail.md"])
        let afterDrop = try documents(id)
        XCTAssertEqual(Set(afterDrop.keys), Set(beforeDrop.keys).subtracting(["highway_metadata.ddl", "highway_metadata_detail.md"]))
        XCTAssertEqual(afterDrop.mapValues(\.1), beforeDrop.filter { !$0.key.hasPrefix("highway_metadata") }.mapValues(\.1),
                       "no other document written")
        XCTAssertTrue(taskFileNames(id).contains { $0.hasPrefix("file_bak_") })
        XCTAssertEqual(try storedItems(id).filter { $0.tables.contains("public.highway_metadata") }, [])
        XCTAssertFalse(taskFile(id, "filename_mapping.txt")?.contains("highway_metadata") ?? true)
    }

    func test_refresh_ofTaskNeverRun_is409_andUnknownMode_is400() throws {
        let neverRun = try createTask(["db_connection": try fixtureURL()])
        assertSuccess(try client.postJSON(taskPath(neverRun, "/table-list"), ["tables": ["bss_company"]]))
        let conflict = assertFailure(try execute(neverRun, ["execution_mode": "refresh"]), status: 409)
        XCTAssertTrue(conflict["response"]?.string?.contains("尚未执行") ?? false, conflict.description)
        let bad = assertFailure(try execute(neverRun, ["execution_mode": "partial"]), status: 400)
        XCTAssertTrue(bad["response"]?.string?.contains("refresh") ?? false, bad.description)
    }

    /// Issue 18, 3: the files are the reference. A task that never ran but holds an uploaded document lacking a
    /// column, with a comment a user wrote: refresh reports the column, rewrites the document with it and keeps the
    /// user's comment; another uploaded document that matches the database is not touched.
    func test_refresh_onUploadedDocuments_comparesWithTheFiles_andKeepsTheUsersComments() throws {
        let id = try createTask(["db_connection": try fixtureURL(), "enable_sql_validation": false,
                                 "enable_training_data_load": false])
        assertSuccess(try client.postJSON(taskPath(id, "/table-list"), ["tables": ["bss_section_route", "highway_metadata"]]))
        // The section-route document as step 1 would write it, from the route that documents one table.
        let generated = assertSuccess(try client.postJSON(EndToEndTestCase.api + "/database/table/ddl",
                                                          ["table": "highway_metadata", "type": "both", "db_connection": try fixtureURL()]))
        try XCTUnwrap(generated["ddl"]?.string).write(to: taskFileURL(id, "highway_metadata.ddl"), atomically: true, encoding: .utf8)
        try XCTUnwrap(generated["md"]?.string).write(to: taskFileURL(id, "highway_metadata_detail.md"), atomically: true, encoding: .utf8)
        let route = assertSuccess(try client.postJSON(EndToEndTestCase.api + "/database/table/ddl",
                                                      ["table": "bss_section_route", "type": "ddl", "db_connection": try fixtureURL()]))
        // The user's edit: one column's comment rewritten, and the `code` column left out.
        var lines = try XCTUnwrap(route["ddl"]?.string).components(separatedBy: "\n")
        let nameLine = try XCTUnwrap(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix("section_name ") })
        let definition = lines[nameLine].components(separatedBy: "--")[0].trimmingCharacters(in: CharacterSet(charactersIn: ", "))
        lines[nameLine] = "  \(definition)  -- 用户写的路段名称说明,"
        let codeLine = lines.firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix("code ") }
        if let codeLine { lines.remove(at: codeLine) }
        try lines.joined(separator: "\n").write(to: taskFileURL(id, "bss_section_route.ddl"), atomically: true, encoding: .utf8)
        let metadataBefore = try documents(id).filter { $0.key.hasPrefix("highway_metadata") }

        let drift = assertSuccess(try client.get(taskPath(id, "/drift")))
        let kinds = (drift["changes"]?.array ?? []).compactMap { change in
            change["table"]?.string == "public.bss_section_route" ? change["kind"]?.string : nil
        }
        XCTAssertTrue(codeLine == nil || kinds.contains("column_added"), drift.description.prefix(3000).description)

        let status = try runRefresh(id)
        let ddl = taskFile(id, "bss_section_route.ddl") ?? ""
        XCTAssertTrue(ddl.contains("用户写的路段名称说明"), "the user's comment stays:\n\(ddl)")
        if codeLine != nil { XCTAssertTrue(ddl.contains("code "), "the missing column is documented:\n\(ddl)") }
        let metadataAfter = try documents(id).filter { $0.key.hasPrefix("highway_metadata") }
        XCTAssertEqual(metadataAfter.mapValues(\.0), metadataBefore.mapValues(\.0))
        XCTAssertEqual(metadataAfter.mapValues(\.1), metadataBefore.mapValues(\.1), "an unchanged uploaded document is not written")
        XCTAssertNotNil(status["result"]?["refresh"], status.description.prefix(2000).description)
    }
}

/// Issue 18's model-call figures: the same alterations on this class's own copy of the sample, runs through the
/// fake OpenAI-compatible server.
final class RefreshModelCallTests: PipelineRunTestCase {
    override class var fixtureScript: String? { "deploy/sample/highway_db.sql" }

    /// With the fake model: a refresh asks the model about the redone tables only (one comment call each) and the
    /// analyses touching them, not about the rest. Prints the figures.
    func test_refresh_onTheModel_callsItInProportionToTheChangedTables() throws {
        let port = (URLComponents(string: stack.baseURL)?.port ?? 18084) + 51
        let model = try ModelStack(admin: admin, httpPort: port, environment: ["DP_MAX_CONCURRENT_TABLES": "1", "DP_LLM_MAX_CONCURRENCY": "1"])
        defer { model.stop() }
        let modelClient = HTTPTestClient(baseURL: model.baseURL)
        let themes = FakeResponse.reply("""
            {"themes": [{"topic_name": "服务区车流", "description": "服务区的车流量构成", "related_tables": ["bss_service_area", "bss_car_day_count"], "biz_entities": ["服务区", "车辆类型"], "biz_metrics": ["车流量"]}]}
            """)
        let pairs = FakeResponse.reply("""
            {"pairs": [{"question": "模型问题：一共有多少个服务区？", "sql": "SELECT COUNT(*) AS 服务区数量 FROM bss_service_area WHERE delete_ts IS NULL;", "difficulty": "easy"},
                       {"question": "模型问题：各车型的车流量是多少？", "sql": "SELECT car_type AS 车辆类型, SUM(car_count) AS 车流量 FROM bss_car_day_count GROUP BY car_type;", "difficulty": "medium"}]}
            """)
        try model.fake.control.apply(FakeScript(standing: [
            "table_comments": .reply(#"{"table_comment": "模型表注释", "columns": {}}"#), "themes": themes, "question_pairs": pairs,
            "database_summary": .reply("=== 数据库业务范围 ===\n高速公路服务区\n"), "sql_repair": .reply(#"{"repaired_sqls": []}"#),
        ]))
        let tables = PipelineHighwaySampleTests.tables
        let created = assertSuccess(try modelClient.postJSON(EndToEndTestCase.tasksPath, ["db_connection": try fixtureURL()]), status: 201)
        let id = try XCTUnwrap(created["task_id"]?.string)
        assertSuccess(try modelClient.postJSON(EndToEndTestCase.tasksPath + "/\(id)/table-list", ["tables": tables]))
        func run(_ mode: String) throws -> JSON {
            assertSuccess(try modelClient.postJSON(EndToEndTestCase.tasksPath + "/\(id)/execute", ["execution_mode": mode]), status: 202)
            let deadline = Date().addingTimeInterval(180)
            while Date() < deadline {
                let status = try modelClient.get(EndToEndTestCase.tasksPath + "/\(id)").data
                if let value = status["status"]?.string, value != "in_progress", value != "pending" { return status }
                Thread.sleep(forTimeInterval: 0.25)
            }
            XCTFail("\(mode) run did not finish")
            return .null
        }
        func calls() throws -> [String: Int] {
            let log = try model.fake.control.requestLog().requests
            return log.reduce(into: [:]) { counts, request in
                let kind = request.headers.first { $0.key.lowercased() == "x-dp-prompt-kind" }?.value
                    ?? (request.path.hasSuffix("/embeddings") ? "embeddings" : nil)
                if let kind { counts[kind, default: 0] += 1 }
            }
        }
        XCTAssertEqual(try run("complete")["status"]?.string, "completed")
        let complete = try calls()
        try model.fake.control.reset()
        try model.fake.control.apply(FakeScript(standing: [
            "table_comments": .reply(#"{"table_comment": "模型表注释", "columns": {}}"#), "themes": themes, "question_pairs": pairs,
            "database_summary": .reply("=== 数据库业务范围 ===\n高速公路服务区\n"), "sql_repair": .reply(#"{"repaired_sqls": []}"#),
        ]))

        try admin.run(RefreshExecutionTests.alterations, database: try fixtureDatabase())
        let status = try run("refresh")
        XCTAssertEqual(status["status"]?.string, "completed", status.description.prefix(3000).description)
        let refresh = try calls()
        let redone = RefreshExecutionTests.altered.count + 1
        print("model calls: complete run of \(tables.count) tables \(complete.sorted { $0.key < $1.key }); "
              + "refresh of \(redone) changed or added tables \(refresh.sorted { $0.key < $1.key })")
        XCTAssertGreaterThanOrEqual(complete["table_comments"] ?? 0, tables.count, "a comment call (or more) per table in a complete run")
        XCTAssertLessThanOrEqual(refresh["table_comments"] ?? 0, redone, "at most one comment call per redone table")
        XCTAssertGreaterThan(refresh["table_comments"] ?? 0, 0)
        XCTAssertNil(refresh["database_summary"], "the database summary is not asked again")
        let chat = { (counts: [String: Int]) in counts.filter { $0.key != "embeddings" }.values.reduce(0, +) }
        XCTAssertLessThan(chat(refresh), chat(complete))
        let dropped = status["result"]?["refresh"]?["pairs_dropped"]?.array ?? []
        XCTAssertEqual(dropped.compactMap { $0["question"]?.string }, ["模型问题：各车型的车流量是多少？"], "\(dropped)")
    }
}
