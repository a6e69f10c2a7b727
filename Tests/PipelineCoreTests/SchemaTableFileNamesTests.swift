import XCTest
@testable import PipelineCore

final class SchemaTableFileNamesTests: XCTestCase {
    private func ref(_ schema: String, _ name: String) -> TableReference { TableReference(schema: schema, name: name) }

    func testPublicTableIsItsName() {
        XCTAssertEqual(TableFileNames.base(for: ref("public", "bss_company")), "bss_company")
    }

    func testOtherSchemaIsJoinedWithTwoUnderscores() {
        XCTAssertEqual(TableFileNames.base(for: ref("ods", "orders")), "ods__orders")
    }

    func testDoubleUnderscoresAreNotCollapsed() {
        XCTAssertEqual(TableFileNames.base(for: ref("public", "my__tbl")), "my__tbl")
    }

    func testSchemaAndTableSplitDifferentlyGetDifferentNames() {
        let names = TableFileNames.allocate([ref("ods", "a_b"), ref("ods_a", "b")])
        XCTAssertEqual(names[ref("ods", "a_b")], "ods__a_b")
        XCTAssertEqual(names[ref("ods_a", "b")], "ods_a__b")
    }

    func testNamesThatSanitizeEqualGetNumberedSuffixesInListOrder() {
        let tables = [ref("public", "a.b"), ref("public", "a b"), ref("public", "a/b")]
        let names = TableFileNames.allocate(tables)
        XCTAssertEqual(tables.map { names[$0] }, ["a_b", "a_b_2", "a_b_3"])
    }

    func testCollisionsIgnoreCase() {
        let names = TableFileNames.allocate([ref("public", "Orders"), ref("public", "orders")])
        XCTAssertEqual(names[ref("public", "Orders")], "Orders")
        XCTAssertEqual(names[ref("public", "orders")], "orders_2")
    }

    func testTableListedTwiceKeepsOneName() {
        let names = TableFileNames.allocate([ref("public", "t"), ref("public", "t")])
        XCTAssertEqual(names, [ref("public", "t"): "t"])
    }

    func testAllocationIsDeterministic() {
        let tables = [ref("public", "x y"), ref("public", "x_y"), ref("s", "t"), ref("public", "s__t")]
        XCTAssertEqual(TableFileNames.allocate(tables), TableFileNames.allocate(tables))
        XCTAssertEqual(TableFileNames.allocate(tables)[ref("public", "s__t")], "s__t_2")
    }

    func testChineseNamesKeepTheirCharacters() {
        XCTAssertEqual(TableFileNames.base(for: ref("public", "门店评价")), "门店评价")
        XCTAssertEqual(TableFileNames.base(for: ref("销售", "订单（2024）")), "销售__订单_2024_")
    }

    func testUnsafeCharactersAreReplaced() {
        XCTAssertEqual(TableFileNames.base(for: ref("public", "../etc\\pass:wd*?\"<>|")), "___etc_pass_wd______")
    }

    func testNameNeverStartsWithADot() {
        XCTAssertFalse(TableFileNames.base(for: ref("public", ".hidden")).hasPrefix("."))
    }

    func testWindowsDeviceNamesGetASuffix() {
        XCTAssertEqual(TableFileNames.base(for: ref("public", "con")), "con_")
        XCTAssertEqual(TableFileNames.base(for: ref("public", "COM1")), "COM1_")
        XCTAssertEqual(TableFileNames.base(for: ref("public", "console")), "console")
    }

    func testLongNamesAreCutToTwoHundredBytesOnCharacterBoundaries() {
        let base = TableFileNames.base(for: ref("长长长长长长长长长长长长长长长长长长长长长", String(repeating: "表", count: 63)))
        XCTAssertLessThanOrEqual(base.utf8.count, TableFileNames.maxBaseBytes)
        XCTAssertTrue(base.allSatisfy { $0 == "长" || $0 == "表" || $0 == "_" })
    }

    func testSuffixedLongNamesStayWithinTheLimit() {
        let long = String(repeating: "a", count: 300)
        let names = TableFileNames.allocate([ref("public", long), ref("public", long + "b")])
        XCTAssertEqual(names[ref("public", long + "b")]?.hasSuffix("_2"), true)
        XCTAssertTrue(names.values.allSatisfy { $0.utf8.count <= TableFileNames.maxBaseBytes })
    }

    func testFileNamesAreSafe() {
        let tables = [ref("public", "con"), ref("x", ".."), ref("public", "a\u{0}b"), ref("public", String(repeating: "é", count: 200))]
        for base in TableFileNames.allocate(tables).values {
            XCTAssertNotNil(SafeFileName(TableFileNames.ddlFileName(base)), base)
            XCTAssertNotNil(SafeFileName(TableFileNames.docFileName(base)), base)
        }
    }

    func testFileNamesHaveTheirSuffixes() {
        XCTAssertEqual(TableFileNames.ddlFileName("ods__orders"), "ods__orders.ddl")
        XCTAssertEqual(TableFileNames.docFileName("ods__orders"), "ods__orders_detail.md")
    }
}
