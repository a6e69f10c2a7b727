import Foundation
import XCTest

/// API.md §2.8 `POST /database/table/ddl`, in the formats of FORMATS.md §1 and §2, against a real database.
final class TableDDLTests: EndToEndTestCase {
    private var fixture: BusinessDatabaseFixture!

    override func setUpWithError() throws {
        try super.setUpWithError()
        fixture = try BusinessDatabaseFixture.create(adminURL: stack.adminDatabaseURL)
    }

    override func tearDownWithError() throws {
        try fixture?.drop()
        try super.tearDownWithError()
    }

    private func ddl(_ table: String, type: String) throws -> HTTPResult {
        try client.postJSON(EndToEndTestCase.api + "/database/table/ddl",
                            ["table": table, "type": type, "db_connection": fixture.url])
    }

    func test_ddl_followsTheDDLFileFormat() throws {
        let data = assertSuccess(try ddl("public.bss_company", type: "ddl"))
        let text = try XCTUnwrap(data["ddl"]?.string)
        let lines = text.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "-- 中文名: 高速公路服务区公司信息表")
        XCTAssertEqual(lines.dropFirst().first, "-- 描述: 高速公路服务区公司信息表，存储服务区所属公司的基本信息")
        XCTAssertTrue(lines.contains("create table public.bss_company ("), text)
        XCTAssertTrue(lines.contains { $0.hasPrefix("  id varchar(32) not null") && $0.contains("-- 公司唯一标识符，主键,") }, text)
        XCTAssertTrue(lines.contains { $0.hasPrefix("  company_name varchar(255)") && $0.contains("-- 公司名称,") }, text)
        XCTAssertTrue(lines.contains("  primary key (id)"), text)
        XCTAssertEqual(lines.last, ");")
        XCTAssertNotNil(data["table_info"]?.object)
        XCTAssertEqual(data["fields"]?.array?.compactMap { $0["name"]?.string }, ["id", "company_name"])
    }

    func test_md_followsTheTableDocumentFormat() throws {
        let data = assertSuccess(try ddl("public.bss_company", type: "md"))
        let text = try XCTUnwrap(data["md"]?.string)
        let lines = text.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "## bss_company（高速公路服务区公司信息表）")
        XCTAssertTrue(lines.contains("字段列表："), text)
        XCTAssertTrue(lines.contains { $0.hasPrefix("- id (varchar(32)) - 公司唯一标识符 [主键, 非空]") }, text)
        XCTAssertTrue(lines.contains { $0.hasPrefix("- company_name (varchar(255)) - 公司名称") && $0.contains("[示例: ") }, text)
    }

    func test_ddlOfUnknownTable_isAnErrorEnvelopeNot500() throws {
        let result = try ddl("public.no_such_table", type: "ddl")
        XCTAssertTrue((400..<500).contains(result.status), "\(result.status)")
        assertFailure(result, status: result.status)
    }
}
