import Foundation
import XCTest

/// `GET …/tasks/{id}/drift` (issue 18, 1): after a complete run on a copy of the highway sample, the database is
/// altered — a column added, one used by some pairs dropped, one retyped, an enum value added, a table added — and
/// the report names exactly those changes and exactly the loaded pairs that no longer plan.
final class DriftReportTests: PipelineRunTestCase {
    override class var fixtureScript: String? { "deploy/sample/highway_db.sql" }

    func test_driftReport_namesExactlyTheAlterationsAndThePairsTheyBreak() throws {
        let id = try createTask(["db_connection": try fixtureURL(), "business_context": "高速公路服务区管理系统"])
        assertSuccess(try client.postJSON(taskPath(id, "/table-list"), ["tables": PipelineHighwaySampleTests.tables]))
        // The stack's store is shared and items are keyed by content: later runs on the same sample must find the
        // pairs unclaimed, as if this test had not run.
        defer { _ = try? queryValue("DELETE FROM training_items WHERE '\(id)' = ANY(task_ids)", url: stateAdminURL) }
        try runComplete(id)
        let pairs = try loadedPairs(id)
        XCTAssertFalse(pairs.isEmpty)

        let before = assertSuccess(try client.get(taskPath(id, "/drift")), response: "检查完成：业务数据库未发生变更")
        XCTAssertEqual(before["summary"]?["drifted"], .bool(false), before.description.prefix(3000).description)
        XCTAssertEqual(before["changes"]?.array?.count, 0, before.description.prefix(3000).description)
        XCTAssertEqual(before["summary"]?["pairs_checked"]?.int, pairs.count)
        XCTAssertEqual(before["summary"]?["pairs_broken"]?.int, 0)
        XCTAssertEqual(before["summary"]?["tables_compared"]?.int, PipelineHighwaySampleTests.tables.count)

        try admin.run([
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
        ], database: try fixtureDatabase())

        let started = Date()
        let after = assertSuccess(try client.get(taskPath(id, "/drift")), response: "检查完成：业务数据库已发生变更")
        print("drift report on the altered highway sample: \(String(format: "%.3f", Date().timeIntervalSince(started))) s, "
              + "\(pairs.count) pairs checked; summary \(after["summary"]?.description ?? "-")")
        XCTAssertEqual(after["summary"]?["drifted"], .bool(true))
        let changes = Set((after["changes"]?.array ?? []).map { change in
            [change["kind"]?.string, change["table"]?.string, change["column"]?.string,
             change["documented"]?.string, change["current"]?.string].map { $0 ?? "-" }.joined(separator: " ")
        })
        XCTAssertEqual(changes, [
            "column_added public.bss_company credit_code - varchar(32)",
            "column_gone public.bss_car_day_count car_type varchar(100) -",
            "column_retyped public.bss_business_day_data wx_order integer bigint",
            "value_added public.bss_service_area service_state - 维修中",
            "table_added public.bss_fuel_price - - -",
        ], after["changes"]?.description ?? "")

        // The pairs that break are exactly those psql can no longer plan on the altered database.
        let failing = Set(try failuresToRun(pairs.map(\.sql), url: try fixtureURL()).compactMap { failure in
            pairs.first { failure.hasPrefix($0.sql + "\n") }?.id
        })
        XCTAssertFalse(failing.isEmpty, "some pair used car_type")
        let broken = after["broken_pairs"]?.array ?? []
        XCTAssertEqual(Set(broken.compactMap { $0["id"]?.string }), failing)
        for pair in broken {
            XCTAssertTrue(pair["sql"]?.string?.contains("car_type") ?? false, pair.description)
            XCTAssertTrue(pair["reason"]?.string?.contains("car_type") ?? false, pair.description)
        }
        XCTAssertEqual(after["summary"]?["pairs_broken"]?.int, failing.count)
        XCTAssertEqual(after["summary"]?["columns_gone"]?.int, 1)
        XCTAssertEqual(after["summary"]?["tables_added"]?.int, 1)
    }

    func test_drift_unknownTask_is404_neverRunTask_is409_unreachableDatabase_is503() throws {
        assertFailure(try client.get(taskPath("task_20990101_000000", "/drift")), status: 404)

        // A server that answers but has no such database will answer the same again: 400, not 503.
        let missing = try StackEnvironment.businessURL(of: "e2e_no_such_database")
        let gone = try createTask(["db_connection": missing])
        defer {
            _ = try? client.sendJSON("DELETE", EndToEndTestCase.tasksPath,
                                     JSONText.object(["task_ids": [gone], "confirm": true, "delete_database_records": true]))
        }
        try "create table public.orders (\n  id integer not null,\n  primary key (id)\n);\n"
            .write(to: taskFileURL(gone, "orders.ddl"), atomically: true, encoding: .utf8)
        assertFailure(try client.get(taskPath(gone, "/drift")), status: 400)

        let neverRun = try createTask(["db_connection": try fixtureURL()])
        assertSuccess(try client.postJSON(taskPath(neverRun, "/table-list"), ["tables": ["bss_company"]]))
        let conflict = assertFailure(try client.get(taskPath(neverRun, "/drift")), status: 409)
        XCTAssertTrue(conflict["response"]?.string?.contains("尚未执行") ?? false, conflict.description)

        let url = "postgresql://e2e_user:\(EndToEndTestCase.distinctivePassword)@127.0.0.1:1/nowhere?connect_timeout=3"
        let unreachable = try createTask(["db_connection": url])
        // Gone afterwards: the suite's fuzzing (no 5xx) reaches the tasks that exist.
        defer {
            _ = try? client.sendJSON("DELETE", EndToEndTestCase.tasksPath,
                                     JSONText.object(["task_ids": [unreachable], "confirm": true, "delete_database_records": true]))
        }
        assertSuccess(try client.postJSON(taskPath(unreachable, "/table-list"), ["tables": ["orders"]]))
        try "create table public.orders (\n  id integer not null,\n  primary key (id)\n);\n"
            .write(to: taskFileURL(unreachable, "orders.ddl"), atomically: true, encoding: .utf8)
        let result = try client.get(taskPath(unreachable, "/drift"))
        let data = assertFailure(result, status: 503, errorType: "service_unavailable")
        XCTAssertEqual(data["can_retry"], .bool(true), data.description)
        XCTAssertFalse(result.printable.contains(EndToEndTestCase.distinctivePassword))
    }
}
