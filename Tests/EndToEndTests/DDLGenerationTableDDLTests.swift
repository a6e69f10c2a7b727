import Foundation
import XCTest

/// API.md §2.8 `POST /database/table/ddl`: one table's DDL and/or document, generated in memory by step 1's code,
/// on the fixture database; nothing is written to disk.
final class DDLGenerationTableDDLTests: ExecutionTestCase {
    override class var fixtureStatements: [String] { DDLGenerationFixture.statements(bigRows: 0) }

    private func tableDDL(_ table: String, type: String?) throws -> HTTPResult {
        var body: [String: Any] = ["table": table, "db_connection": try fixtureURL(), "business_context": "电商订单管理系统"]
        if let type { body["type"] = type }
        return try client.postJSON(EndToEndTestCase.api + "/database/table/ddl", body)
    }

    func test_tableDDL_typeDDL_answersDDLTableInfoAndFields() throws {
        let data = assertSuccess(try tableDDL("orders", type: "ddl"), response: "获取表DDL成功")
        let ddl = try XCTUnwrap(data["ddl"]?.string, data.description)
        XCTAssertTrue(ddl.hasPrefix("-- 中文名: 订单表\n-- 描述: 订单表，记录每一笔订单的状态与金额。\ncreate table public.orders (\n"), ddl)
        XCTAssertTrue(ddl.contains("\n" + DDLGenerationStepTests.columnLine("id varchar(32) not null", "订单编号，主键") + "\n"), ddl)
        XCTAssertTrue(data["md"] == nil || data["md"] == .null, "md for type ddl: \(data["md"] ?? .null)")
        let info = try XCTUnwrap(data["table_info"], data.description)
        XCTAssertEqual(info["table_name"]?.string, "orders")
        XCTAssertEqual(info["schema_name"]?.string, "public")
        XCTAssertEqual(info["full_name"]?.string, "public.orders")
        XCTAssertEqual(info["comment"]?.string, "订单表，记录每一笔订单的状态与金额。")
        XCTAssertEqual(info["field_count"]?.int, 9)
        XCTAssertEqual(info["row_count"]?.int, 30)
        let fields = try XCTUnwrap(data["fields"]?.array)
        XCTAssertEqual(fields.compactMap { $0["name"]?.string },
                       ["id", "state", "total", "tags", "attrs", "client_ip", "receipt", "paid_at", "note"])
        XCTAssertEqual(fields.first?["type"]?.string, "varchar(32)")
        XCTAssertEqual(fields.first?["is_primary_key"], .bool(true))
        XCTAssertEqual(fields.first?["nullable"], .bool(false))
        XCTAssertEqual(fields.first?["comment"]?.string, "订单编号")
        XCTAssertEqual(fields[3]["type"]?.string, "text[]")
        XCTAssertEqual(fields[1]["is_enum"], .bool(true), fields[1].description)
        XCTAssertEqual(fields[1]["enum_values"], .array(["created", "paid", "shipped"].map(JSON.string)))
    }

    func test_tableDDL_typesMDAndBoth() throws {
        let md = assertSuccess(try tableDDL("ods.orders", type: "md"), response: "获取表MD成功")
        XCTAssertTrue(md["md"]?.string?.hasPrefix("## ods.orders（") ?? false, md.description)
        XCTAssertTrue(md["md"]?.string?.contains("\n字段列表：\n") ?? false, md.description)
        XCTAssertTrue(md["ddl"] == nil || md["ddl"] == .null, "ddl for type md")
        let both = assertSuccess(try tableDDL(#"public."MemberPoints""#, type: "both"), response: "获取表BOTH成功")
        XCTAssertTrue(both["ddl"]?.string?.contains(#"create table public."MemberPoints" ("#) ?? false, both.description)
        XCTAssertTrue(both["md"]?.string?.hasPrefix("## MemberPoints（") ?? false, both.description)
        XCTAssertEqual(both["table_info"]?["full_name"]?.string, #"public."MemberPoints""#)
    }

    func test_tableDDL_textEqualsTheFilesOfDDLGeneration() throws {
        let id = try createFixtureTask(tables: ["orders", "reserved_words"])
        try executeDDLStep(id)
        XCTAssertEqual(try waitUntilFinished(id)["status"]?.string, "partial_completed")
        for (table, base) in [("orders", "orders"), ("reserved_words", "reserved_words")] {
            let data = assertSuccess(try tableDDL(table, type: "both"), response: "获取表BOTH成功")
            XCTAssertEqual(data["ddl"]?.string, taskFile(id, base + ".ddl"), "\(table) DDL")
            // The route documents one table on its own: the same document without step 1's 语义说明 section, which
            // needs the semantic model of the whole table list.
            let document = try XCTUnwrap(taskFile(id, base + "_detail.md"))
            XCTAssertTrue(document.contains("\n语义说明：\n"), document)
            XCTAssertEqual(data["md"]?.string, document.components(separatedBy: "语义说明：\n")[0], "\(table) MD")
        }
    }

    func test_tableDDL_ofMissingTable_is404() throws {
        assertFailure(try tableDDL("no_such_table", type: "ddl"), status: 404, errorType: "resource_not_found")
        assertFailure(try tableDDL("ods.big_events", type: "both"), status: 404, errorType: "resource_not_found")
    }

    func test_tableDDL_withInvalidType_is400() throws {
        assertFailure(try tableDDL("orders", type: "sql"), status: 400, errorType: "invalid_params")
    }

    func test_tableDDL_writesNothingToDisk() throws {
        _ = try fixtureURL()
        let before = FileTreeSnapshot(stack.tasksDirectory)
        for type in ["ddl", "md", "both"] {
            assertSuccess(try tableDDL("orders", type: type))
        }
        assertSuccess(try tableDDL(#"public."门店评价""#, type: "both"))
        XCTAssertEqual(FileTreeSnapshot(stack.tasksDirectory).added(since: before), [])
    }
}
