import Foundation
import XCTest

/// API.md §2.8 `POST /database/tables` against a real second database created for the test.
final class DatabaseTablesTests: EndToEndTestCase {
    private var fixture: BusinessDatabaseFixture!

    override func setUpWithError() throws {
        try super.setUpWithError()
        fixture = try BusinessDatabaseFixture.create(adminURL: stack.adminDatabaseURL)
    }

    override func tearDownWithError() throws {
        try fixture?.drop()
        try super.tearDownWithError()
    }

    private func tables(_ fields: [String: Any]) throws -> HTTPResult {
        var body = fields
        body["db_connection"] = fixture.url
        return try client.postJSON(EndToEndTestCase.api + "/database/tables", body)
    }

    func test_tables_listsTheGivenSchemas() throws {
        let data = assertSuccess(try tables(["schema": "public,ods"]), response: "获取表列表成功")
        XCTAssertEqual(data["tables"], .array(["ods.bss_area_x", "ods.other", "public.bss_company",
                                               "public.bss_service_area"].map(JSON.string)))
        XCTAssertEqual(data["total"]?.int, 4)
        XCTAssertEqual(data["schemas"], .array([.string("public"), .string("ods")]))
        XCTAssertEqual(data["db_connection_info"]?["database"]?.string, fixture.name)
    }

    func test_tables_offerTheDatabasesSchemasWithTheirTableCounts() throws {
        let data = assertSuccess(try tables([:]), response: "获取表列表成功")
        let schemas = (data["available_schemas"]?.array ?? []).compactMap { item -> String? in
            guard let name = item["name"]?.string, let count = item["table_count"]?.int else { return nil }
            return "\(name):\(count)"
        }
        XCTAssertTrue(schemas.contains("public:2") && schemas.contains("ods:2"), "\(schemas)")
        XCTAssertFalse(schemas.contains { $0.hasPrefix("pg_") || $0.hasPrefix("information_schema") }, "\(schemas)")
    }

    /// A page that never saw the password (after a reload) lists the task's own database through `task_id`.
    func test_tables_ofATask_useItsStoredConnection() throws {
        let id = try createTask(["db_connection": fixture.url])
        let result = try client.postJSON(EndToEndTestCase.api + "/database/tables", ["task_id": id, "schema": "ods"])
        let data = assertSuccess(result, response: "获取表列表成功")
        XCTAssertEqual(data["tables"], .array([.string("ods.bss_area_x"), .string("ods.other")]))
        XCTAssertEqual(data["db_connection_info"]?["database"]?.string, fixture.name)
        XCTAssertFalse(result.text.contains(fixture.url), "the stored connection never comes back")
        let unknown = try client.postJSON(EndToEndTestCase.api + "/database/tables", ["task_id": "task_19990101_000000"])
        assertFailure(unknown, status: 404, errorType: "resource_not_found")
        let invalid = try client.postJSON(EndToEndTestCase.api + "/database/tables", ["task_id": "../x"])
        assertFailure(invalid, status: 400, errorType: "invalid_params")
    }

    func test_tables_withoutSchema_listsPublicOnly() throws {
        let data = assertSuccess(try tables([:]), response: "获取表列表成功")
        XCTAssertEqual(data["tables"], .array([.string("public.bss_company"), .string("public.bss_service_area")]))
        XCTAssertEqual(data["total"]?.int, 2)
        XCTAssertEqual(data["schemas"], .array([.string("public")]))
    }

    func test_tables_starPatternMatchesAcrossSchemas() throws {
        let data = assertSuccess(try tables(["schema": "public,ods", "table_name_pattern": "*_area*"]))
        XCTAssertEqual(data["tables"], .array([.string("ods.bss_area_x"), .string("public.bss_service_area")]))
        XCTAssertEqual(data["total"]?.int, 2)
        XCTAssertEqual(data["table_name_pattern"]?.string, "*_area*")
        let prefixed = assertSuccess(try tables(["schema": "public,ods", "table_name_pattern": "bss_*"]))
        XCTAssertEqual(prefixed["total"]?.int, 3)
    }

    func test_tables_withoutConnection_useTheDefaultBusinessDatabase() throws {
        let result = try client.postJSON(EndToEndTestCase.api + "/database/tables", [:])
        let data = assertSuccess(result, response: "获取表列表成功")
        XCTAssertEqual(data["schemas"], .array([.string("public")]))
        XCTAssertNotNil(data["tables"]?.array)
        XCTAssertEqual(data["total"]?.int, data["tables"]?.array?.count)
        XCTAssertFalse((data["db_connection_info"]?["database"]?.string ?? "").isEmpty)
    }

    func test_tables_ofUnreachableDatabase_is400WithoutPassword() throws {
        let url = "postgresql://e2e_user:\(EndToEndTestCase.distinctivePassword)@127.0.0.1:1/nowhere?connect_timeout=3"
        let result = try client.postJSON(EndToEndTestCase.api + "/database/tables", ["db_connection": url])
        assertFailure(result, status: 400, errorType: "invalid_params")
        XCTAssertFalse(result.text.contains(EndToEndTestCase.distinctivePassword))
        let text = result.json?["data"]?["response"]?.string ?? ""
        XCTAssertTrue(text.hasPrefix("业务数据库访问失败: 无法连接数据库服务器：连接被拒绝") && text.contains("（驱动信息："),
                      "Chinese first, the driver's line kept: \(text)")
    }

    /// A host that never answers must not hold a responder thread for long, even when the URL asks for a long
    /// connect timeout: a 400 well within nginx's 60 s.
    func test_tables_ofUnroutableHost_is400WithinSeconds() throws {
        let url = "postgresql://e2e_user:\(EndToEndTestCase.distinctivePassword)@10.255.255.1:5432/db?connect_timeout=600"
        let started = Date()
        let result = try client.postJSON(EndToEndTestCase.api + "/database/tables", ["db_connection": url])
        let elapsed = Date().timeIntervalSince(started)
        assertFailure(result, status: 400, errorType: "invalid_params")
        XCTAssertLessThan(elapsed, 15, "answered after \(Int(elapsed)) s")
    }

    func test_tables_withWrongPassword_is400WithoutPassword() throws {
        // The test cluster's TCP port, from the state URL; the role exists, the password is wrong.
        let state = stack.stateDatabaseURL
        let port = state.range(of: #":(\d+)/"#, options: .regularExpression).map { String(state[$0].dropFirst().dropLast()) }
        let url = "postgresql://dp:\(EndToEndTestCase.distinctivePassword)@127.0.0.1:\(port ?? "5432")/\(fixture.name)"
        let result = try client.postJSON(EndToEndTestCase.api + "/database/tables", ["db_connection": url])
        assertFailure(result, status: 400, errorType: "invalid_params")
        XCTAssertFalse(result.text.contains(EndToEndTestCase.distinctivePassword))
    }
}
