import XCTest
@testable import PipelineCore

/// The business words search adds to a pair from its database's table documents (issue 14).
final class SearchGlossaryTests: XCTestCase {
    /// A table document as step 1 writes it: field list, roles and semantic lines.
    private let document = """
        ## shop_sales（某某管理系统中的门店日汇总(一级品类)销售）
        shop_sales 表门店日汇总销售
        字段列表：
        - sale_day (date) - 销售日期 [非空]
        - shop_id (integer) - 门店ID [外键]
        - amount (numeric(12,2)) - 销售金额(元,折后实收) [非空] [示例: 1.00]
        - qty (integer) - 销售数量 [非空]
        语义说明：
        - 字段角色：sale_day 时间；shop_id 外键；amount 度量；qty 度量
        - 度量 amount（销售金额）：可累加，汇总用 SUM，单位 元，同义词 营收、营业额
        - 度量 qty（销售数量）：可累加，汇总用 SUM，单位 个
        """

    private var glossary: SearchGlossary {
        var glossary = SearchGlossary()
        glossary.read(documentation: document)
        return glossary
    }

    func testAPairsSQLGivesItsTablesNameAndTheWordsOfTheColumnsItUses() {
        XCTAssertEqual(glossary.terms(forSQL: "SELECT SUM(s.amount) FROM public.shop_sales s WHERE s.sale_day > '2024-01-01'"),
                       ["门店日汇总销售", "销售金额", "营收", "营业额", "销售日期"])
    }

    func testForeignKeysAndUnknownTablesGiveNoWords() {
        XCTAssertEqual(glossary.terms(forSQL: "SELECT shop_id, count(*) FROM shop_sales GROUP BY shop_id"), ["门店日汇总销售"])
        XCTAssertEqual(glossary.terms(forSQL: "SELECT amount FROM other_table"), [])
        XCTAssertTrue(SearchGlossary().terms(forSQL: "SELECT 1").isEmpty)
    }

    func testLabelsLoseTheirNotesAndTheSystemsName() {
        XCTAssertEqual(SearchGlossary.businessName("销售金额(元,折后实收)"), "销售金额")
        XCTAssertEqual(SearchGlossary.businessName("某某管理系统中的订单信息表"), "订单信息表")
        XCTAssertEqual(SearchGlossary.businessName("日汇总(一级品类)销售", keepAfterNote: true), "日汇总销售")
    }

    func testTextsThatAreNotTableDocumentsAddNothing() {
        var glossary = SearchGlossary()
        glossary.read(documentation: "## 说明\n- 任意文字 - 不是字段\n")
        XCTAssertTrue(glossary.isEmpty)
    }
}
