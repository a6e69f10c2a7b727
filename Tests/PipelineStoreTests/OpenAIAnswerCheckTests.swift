import PipelineCore
@testable import PipelineProviders
import XCTest

/// The checks of each kind of answer: what is kept, what is dropped and noted, what makes an answer unusable.
final class OpenAIAnswerCheckTests: XCTestCase {
    private let company = OpenAIFixtures.company
    private var commentAnswer: CommentAnswer {
        CommentAnswer(table: company, wantsTableComment: true,
                      columns: company.columns.map(\.name))
    }

    // MARK: - Comments

    func testCommentsAreMatchedByNameNotPosition() throws {
        let checked = commentAnswer.check(#"{"table_comment": "公司信息表，记录服务区所属公司", "columns": {"company_no": "公司编码", "company_name": "公司名称"}}"#)
        XCTAssertEqual(checked.problems, [])
        let value = try XCTUnwrap(checked.value)
        XCTAssertEqual(value.tableComment, "公司信息表，记录服务区所属公司")
        XCTAssertEqual(value.columnComments, ["company_no": "公司编码", "company_name": "公司名称"])
    }

    func testUnknownColumnIsDroppedAndNoted() throws {
        let checked = commentAnswer.check(#"{"columns": {"company_name": "公司名称", "company_address": "公司地址"}}"#)
        XCTAssertEqual(checked.problems, [])
        XCTAssertEqual(checked.value?.columnComments, ["company_name": "公司名称"])
        XCTAssertTrue(checked.notes.contains { $0.contains("company_address") }, "\(checked.notes)")
    }

    func testPredecessorArrayShapeWithNamesIsAccepted() {
        let checked = commentAnswer.check(#"{"fields": [{"name": "company_name", "comment": "公司名称", "is_enum": false}]}"#)
        XCTAssertEqual(checked.value?.columnComments, ["company_name": "公司名称"])
    }

    func testApologyAsCommentMakesTheAnswerUnusable() {
        let checked = commentAnswer.check(#"{"table_comment": "抱歉，我暂时无法回答您的问题。请稍后再试。", "columns": {"company_name": "公司名称"}}"#)
        XCTAssertNil(checked.value)
        XCTAssertTrue(checked.problems.joined().contains("道歉"), "\(checked.problems)")
    }

    func testEnglishRefusalAsColumnCommentMakesTheAnswerUnusable() {
        let checked = commentAnswer.check(#"{"columns": {"company_name": "I'm sorry, I cannot help with that."}}"#)
        XCTAssertNil(checked.value)
        XCTAssertTrue(checked.problems.joined().contains("company_name"))
    }

    func testEmptyAndPlaceholderCommentsAreDropped() {
        let checked = commentAnswer.check(#"{"columns": {"company_name": "公司名称", "company_no": "未知", "version": "", "id": null}}"#)
        XCTAssertEqual(checked.problems, [])
        XCTAssertEqual(checked.value?.columnComments, ["company_name": "公司名称"])
    }

    func testCommentOfTheWrongTypeIsAProblem() {
        let checked = commentAnswer.check(#"{"columns": {"company_name": 42}}"#)
        XCTAssertNil(checked.value)
        XCTAssertTrue(checked.problems.joined().contains("不是字符串"))
    }

    func testAnswerWithoutAnyKnownColumnIsUnusable() {
        let checked = commentAnswer.check(#"{"columns": {"col_1": "名称", "col_2": "编码"}}"#)
        XCTAssertNil(checked.value)
        XCTAssertTrue(checked.problems.joined().contains("字段名"), "\(checked.problems)")
    }

    func testArrayWhereAnObjectWasAskedIsUnusable() {
        XCTAssertNil(commentAnswer.check(#"[{"name": "company_name", "comment": "公司名称"}]"#).value)
    }

    func testEnumMeaningsAreKeptOnlyForRealValues() {
        let table = OpenAIFixtures.dayData
        let answer = CommentAnswer(table: table, wantsTableComment: false, columns: ["pay_type"])
        let checked = answer.check(#"{"columns": {"pay_type": {"comment": "支付方式", "enum_values": {"1": "微信", "2": "支付宝", "9": "现金"}}}}"#)
        XCTAssertEqual(checked.value?.columnComments["pay_type"], "支付方式（1=微信，2=支付宝）")
    }

    func testColumnsNotAskedForAndUnwantedTableCommentAreIgnored() {
        let answer = CommentAnswer(table: company, wantsTableComment: false, columns: ["company_no"])
        let checked = answer.check(#"{"table_comment": "公司表", "columns": {"company_no": "公司编码", "company_name": "名称"}}"#)
        XCTAssertEqual(checked.value, GeneratedComments(tableComment: nil, columnComments: ["company_no": "公司编码"]))
    }

    // MARK: - Themes

    private let themeAnswer = ThemeAnswer(tables: OpenAIFixtures.all, themeCount: 3)

    func testThemesWithUnknownTablesKeepTheKnownOnes() throws {
        let checked = themeAnswer.check("""
            {"themes": [{"topic_name": "营收分析", "description": "各服务区营业额", "related_tables": ["bss_business_day_data", "bss_orders", "public.bss_service_area"], "biz_entities": "服务区、日期", "biz_metrics": ["营业额"]},
                        {"topic_name": "订单", "description": "订单金额", "related_tables": ["ods.orders"], "biz_entities": [], "biz_metrics": []}]}
            """)
        XCTAssertEqual(checked.problems, [])
        let themes = try XCTUnwrap(checked.value)
        XCTAssertEqual(themes.map(\.relatedTables), [["bss_business_day_data", "bss_service_area"], ["ods.orders"]])
        XCTAssertEqual(themes[0].entities, ["服务区", "日期"])
        XCTAssertTrue(checked.notes.contains { $0.contains("bss_orders") })
    }

    func testThemeWithoutExistingTablesIsDropped() {
        let checked = themeAnswer.check(#"{"themes": [{"topic_name": "A", "description": "d", "related_tables": ["nope"]}, {"topic_name": "B", "description": "d", "related_tables": ["bss_company"]}]}"#)
        XCTAssertEqual(checked.value?.map(\.name), ["B"])
        XCTAssertTrue(checked.notes.contains { $0.contains("主题 A 没有可用的表") }, "\(checked.notes)")
    }

    func testThemesMissingFieldsOrOfWrongTypeAreDropped() {
        let checked = themeAnswer.check("""
            {"themes": [{"description": "d", "related_tables": ["bss_company"]},
                        {"topic_name": "无描述", "related_tables": ["bss_company"]},
                        {"topic_name": "表不是数组", "description": "d", "related_tables": 5},
                        "不是对象"]}
            """)
        XCTAssertNil(checked.value)
        XCTAssertFalse(checked.problems.isEmpty)
    }

    func testTopLevelArrayOfThemesIsAccepted() {
        let checked = themeAnswer.check(#"[{"name": "公司", "description": "公司概况", "tables": "bss_company"}]"#)
        XCTAssertEqual(checked.value?.first?.relatedTables, ["bss_company"])
    }

    func testThemesAreCappedAndDuplicatesMerged() {
        let checked = ThemeAnswer(tables: OpenAIFixtures.all, themeCount: 1).check("""
            {"themes": [{"topic_name": "营收", "description": "d", "related_tables": ["bss_company"]},
                        {"topic_name": "营收", "description": "d", "related_tables": ["ods.orders"]},
                        {"topic_name": "其他", "description": "d", "related_tables": ["bss_company"]}]}
            """)
        XCTAssertEqual(checked.value?.map(\.name), ["营收"])
        XCTAssertEqual(checked.value?.first?.relatedTables, ["bss_company", "ods.orders"])
    }

    // MARK: - Pairs

    private let pairAnswer = PairAnswer(theme: OpenAIFixtures.theme(), tables: OpenAIFixtures.all, pairCount: 10)

    func testValidPairsKeepThemeTablesAndDifficulty() throws {
        let checked = pairAnswer.check(#"{"pairs": [{"question": "各服务区营业额是多少？", "sql": "SELECT service_name AS 服务区, SUM(pay_sum) AS 营业额 FROM bss_business_day_data WHERE delete_ts IS NULL GROUP BY service_name", "difficulty": "中等"}]}"#)
        XCTAssertEqual(checked.problems, [])
        let pair = try XCTUnwrap(checked.value?.first)
        XCTAssertTrue(pair.sql.hasSuffix(";"))
        XCTAssertEqual(pair.theme, "营业收入分析")
        XCTAssertEqual(pair.tables, ["bss_business_day_data"])
        XCTAssertEqual(pair.difficulty, .medium)
    }

    func testInvalidPairsAreProblemsWhileValidOnesAreKept() {
        let checked = pairAnswer.check("""
            {"pairs": [{"question": "公司有多少家？", "sql": "SELECT COUNT(*) AS 公司数 FROM bss_company WHERE delete_ts IS NULL;"},
                       {"question": "删除公司", "sql": "SELECT 1 FROM bss_company; DROP TABLE bss_company;"},
                       {"question": "", "sql": "SELECT 1 FROM bss_company;"},
                       {"question": "面积最大的服务区", "sql": "SELECT service_area_name FROM bss_service_area ORDER BY area DESC LIMIT 1;"},
                       {"question": "类型错误", "sql": 42}]}
            """)
        XCTAssertEqual(checked.value?.map(\.question), ["公司有多少家？"])
        XCTAssertEqual(checked.problems.count, 4, "\(checked.problems)")
        XCTAssertTrue(checked.problems.contains { $0.contains("只允许单条SQL语句") })
        XCTAssertTrue(checked.problems.contains { $0.contains("area") })
        XCTAssertTrue(checked.problems.contains { $0.contains("缺少 question") })
        XCTAssertTrue(checked.problems.contains { $0.contains("缺少 sql") })
    }

    func testPairsMergeWithoutDuplicatesUpToTheLimit() {
        let one = QuestionSQLPair(question: "A", sql: "SELECT 1;")
        let same = QuestionSQLPair(question: "B", sql: "select  1 ;")
        let two = QuestionSQLPair(question: "C", sql: "SELECT 2;")
        XCTAssertEqual(PairAnswer.merge([one], [same, two], limit: 5).map(\.question), ["A", "C"])
        XCTAssertEqual(PairAnswer.merge([one, two], [], limit: 1).map(\.question), ["A"])
    }

    // MARK: - Repairs

    private let items = [
        SQLRepairItem(question: "公司数量", sql: "SELECT COUNT(*) FROM bss_companies;", error: "relation \"bss_companies\" does not exist"),
        SQLRepairItem(question: "订单金额", sql: "SELECT SUM(price) FROM ods.orders;", error: "column \"price\" does not exist"),
    ]

    func testRepairsOnePerItemWithNullDeclining() {
        let checked = RepairAnswer(items: items, tables: OpenAIFixtures.all).check(#"{"repaired_sqls": ["SELECT COUNT(*) FROM bss_company", null]}"#)
        XCTAssertEqual(checked.problems, [])
        XCTAssertEqual(checked.value, ["SELECT COUNT(*) FROM bss_company;", nil])
    }

    func testRepairCountMismatchIsUnusable() {
        let checked = RepairAnswer(items: items, tables: OpenAIFixtures.all).check(#"{"repaired_sqls": ["SELECT COUNT(*) FROM bss_company;"]}"#)
        XCTAssertNil(checked.value)
        XCTAssertTrue(checked.problems.joined().contains("应有 2 个元素"))
    }

    func testInvalidRepairIsAProblemAndDeclined() {
        let checked = RepairAnswer(items: items, tables: OpenAIFixtures.all).check(
            #"{"repaired_sqls": ["DROP TABLE bss_company;", "SELECT SUM(total) FROM ods.orders;"]}"#)
        XCTAssertEqual(checked.value, [nil, nil])
        XCTAssertEqual(checked.problems.count, 2, "\(checked.problems)")
    }

    func testUnchangedSQLCountsAsDeclined() {
        let checked = RepairAnswer(items: items, tables: OpenAIFixtures.all).check(#"["SELECT COUNT(*) FROM bss_company;", "select sum(price) from ods.orders"]"#)
        // The second is unchanged up to case, and also names an unknown column: declined either way.
        XCTAssertEqual(checked.value?[0], "SELECT COUNT(*) FROM bss_company;")
        XCTAssertNil(checked.value?[1] ?? nil)
    }

    func testRepairMergeKeepsTheFirstValidProposalPerItem() {
        XCTAssertEqual(RepairAnswer.merge(["A;", nil], [nil, "B;"]), ["A;", "B;"])
        XCTAssertEqual(RepairAnswer.merge(nil, [nil, "B;"]), [nil, "B;"])
    }

    // MARK: - Summary

    func testSummaryIsCutToItsHeader() {
        let checked = SummaryAnswer.check("<think>想一想</think>好的，以下是描述：\n```\n=== 数据库业务范围 ===\n当前数据库存储的是高速公路服务区的相关数据，主要涉及营收，包含以下业务数据：\n核心业务实体：\n- 服务区：高速服务区，主要字段：名称\n关键业务指标：\n- 营业额：每日营业额\n```")
        XCTAssertEqual(checked.value?.hasPrefix("=== 数据库业务范围 ===\n当前数据库"), true)
        XCTAssertEqual(checked.value?.hasSuffix("- 营业额：每日营业额\n"), true)
    }

    func testSummaryWithoutHeaderOrSectionsIsUnusable() {
        XCTAssertNil(SummaryAnswer.check("这个数据库包含服务区数据。").value)
        XCTAssertNil(SummaryAnswer.check("=== 数据库业务范围 ===\n核心业务实体：\n- 服务区").value)
        XCTAssertTrue(SummaryAnswer.check("抱歉，我无法完成。").problems.joined().contains("道歉"))
    }
}
