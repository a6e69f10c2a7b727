import XCTest
@testable import PipelineCore

final class SchemaFilenameMappingFileTests: XCTestCase {
    func testListsBothFilesOfEveryTableSortedByName() {
        let entries: [(table: TableReference, ddl: String, doc: String)] = [
            (TableReference(schema: "public", name: "bss_company"), "bss_company.ddl", "bss_company_detail.md"),
            (TableReference(schema: "ods", name: "orders"), "ods__orders.ddl", "ods__orders_detail.md"),
        ]
        XCTAssertEqual(FilenameMappingFile.render(entries), """
        # 文件名映射报告
        # 格式: 原始表名 -> 实际文件名

        ods.orders -> ods__orders.ddl
        ods.orders -> ods__orders_detail.md
        public.bss_company -> bss_company.ddl
        public.bss_company -> bss_company_detail.md

        """)
    }

    func testQuotedNamesAreWrittenAsInATableList() {
        let entries: [(table: TableReference, ddl: String, doc: String)] = [
            (TableReference(schema: "public", name: "门店评价"), "门店评价.ddl", "门店评价_detail.md"),
        ]
        XCTAssertTrue(FilenameMappingFile.render(entries).hasSuffix("public.\"门店评价\" -> 门店评价.ddl\npublic.\"门店评价\" -> 门店评价_detail.md\n"))
    }

    func testEmptyListHasOnlyTheHeader() {
        XCTAssertEqual(FilenameMappingFile.render([]), "# 文件名映射报告\n# 格式: 原始表名 -> 实际文件名\n\n")
    }
}
