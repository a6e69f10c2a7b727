import XCTest
import PipelineCore
@testable import PipelineProviders

final class BuiltinLLMTests: XCTestCase {
    private let llm = BuiltinLLM()
    private let context = "高速公路服务区管理系统"

    private func column(_ name: String, _ category: ColumnCategory = .text, comment: String? = nil,
                        position: Int = 1) -> ColumnDescription {
        ColumnDescription(name: name, position: position, dataType: category == .text ? "text" : category.rawValue,
                          category: category, existingComment: comment)
    }

    private func table(_ name: String, kind: RelationKind = .table, comment: String? = nil,
                       columns: [ColumnDescription], foreignKeys: [ForeignKeyReference] = []) -> TableDescription {
        TableDescription(reference: TableReference(schema: "public", name: name), kind: kind, existingComment: comment,
                         columns: columns, foreignKeys: foreignKeys)
    }

    /// The comment the builtin writes for one column of an otherwise empty table.
    private func comment(_ name: String, _ category: ColumnCategory = .text,
                         foreignKeys: [ForeignKeyReference] = []) throws -> String? {
        let request = TableCommentRequest(table: table("t", columns: [column(name, category)], foreignKeys: foreignKeys),
                                          businessContext: context)
        return try llm.generateComments(request).columnComments[name]
    }

    func testNameIsBuiltin() {
        XCTAssertEqual(llm.name, "builtin")
    }

    func testPinyinPaymentOrderCountsReadAsOrderCounts() throws {
        XCTAssertEqual(try comment("wx_order", .integer), "微信订单数")
        XCTAssertEqual(try comment("zf_order", .integer), "支付宝订单数")
        XCTAssertEqual(try comment("rmb_order", .integer), "现金订单数")
    }

    func testBarePaymentChannelAmountsReadAsAmounts() throws {
        XCTAssertEqual(try comment("wx", .decimal), "微信金额")
        XCTAssertEqual(try comment("zfb", .decimal), "支付宝金额")
        XCTAssertEqual(try comment("xs", .decimal), "行吧金额")
        XCTAssertEqual(try comment("jd", .decimal), "金豆金额")
    }

    func testPinyinInitialsOfPersonalFields() throws {
        XCTAssertEqual(try comment("xm"), "姓名")
        XCTAssertEqual(try comment("xb"), "性别")
        XCTAssertEqual(try comment("sfz"), "身份证")
        XCTAssertEqual(try comment("lxdh"), "联系电话")
    }

    func testWordsAreCombinedIntoOnePhrase() throws {
        XCTAssertEqual(try comment("pay_sum", .decimal), "支付合计")
        XCTAssertEqual(try comment("car_count", .integer), "车辆数量")
        XCTAssertEqual(try comment("order_no"), "订单编号")
        XCTAssertEqual(try comment("service_name"), "服务区名称")
    }

    func testIDSuffixFollowsTheSubject() throws {
        XCTAssertEqual(try comment("service_area_id"), "服务区ID")
    }

    func testForeignKeyIDNamesTheTargetTable() throws {
        let key = ForeignKeyReference(columns: ["company_id"], target: TableReference(schema: "public", name: "bss_company"),
                                      targetColumns: ["id"])
        XCTAssertEqual(try comment("company_id", foreignKeys: [key]), "关联公司ID")
    }

    func testLoneIDIsTheUniqueIdentifier() throws {
        XCTAssertEqual(try comment("id"), "唯一标识")
    }

    func testAuditColumns() throws {
        XCTAssertEqual(try comment("create_ts", .timestamp), "创建时间")
        XCTAssertEqual(try comment("deleted_at", .timestamp), "删除时间")
        XCTAssertEqual(try comment("created_by"), "创建人")
        XCTAssertEqual(try comment("version", .integer), "版本号")
        XCTAssertEqual(try comment("oper_date", .date), "营业日期")
    }

    func testCamelCaseIsSplit() throws {
        XCTAssertEqual(try comment("MemberPoints", .integer), "会员积分")
        XCTAssertEqual(try comment("createdAt", .timestamp), "创建时间")
    }

    func testTimestampColumnsEndInTime() throws {
        XCTAssertEqual(try comment("last_login", .timestamp), "最近登录时间")
    }

    func testBooleanColumnsAskYesOrNo() throws {
        XCTAssertEqual(try comment("is_deleted", .boolean), "是否删除")
        XCTAssertEqual(try comment("enabled", .boolean), "是否启用")
        XCTAssertEqual(try comment("del_flag", .boolean), "是否删除")
    }

    func testUnknownNameIsDescribedByItsTypeNotPasted() throws {
        XCTAssertEqual(try comment("xyz"), "文本信息")
        XCTAssertEqual(try comment("qqq", .timestamp), "时间")
    }

    func testUnknownWordsNextToKnownOnesAreLeftOut() throws {
        XCTAssertEqual(try comment("foo_amount", .decimal), "金额")
    }

    func testChineseColumnNameIsItsOwnComment() throws {
        XCTAssertEqual(try comment("门店名称"), "门店名称")
    }

    func testColumnCommentsAreAtMostThirtyCharacters() throws {
        let long = try comment(String(repeating: "abcdefghij_", count: 6), .timestamp)
        XCTAssertLessThanOrEqual(long?.count ?? 0, 30)
        XCTAssertLessThanOrEqual(try comment("service_area_company_branch_section_route_car_order_pay_sum")?.count ?? 0, 30)
    }

    func testTableCommentUsesContextAndStripsPrefix() throws {
        let request = TableCommentRequest(table: table("bss_service_area", columns: []), businessContext: context)
        XCTAssertEqual(try llm.generateComments(request).tableComment, "高速公路服务区管理系统中的服务区信息表")
    }

    func testTableCommentWithoutContext() throws {
        let request = TableCommentRequest(table: table("bss_car_day_count", columns: []), businessContext: "")
        XCTAssertEqual(try llm.generateComments(request).tableComment, "车辆日数量信息表")
    }

    func testTableCommentLeavesOutALongContext() throws {
        let request = TableCommentRequest(table: table("t_order_log", columns: []),
                                          businessContext: String(repeating: "很长的业务背景说明", count: 5))
        XCTAssertEqual(try llm.generateComments(request).tableComment, "订单日志表")
    }

    func testViewCommentSaysView() throws {
        let request = TableCommentRequest(table: table("v_service_area", kind: .view, columns: []), businessContext: context)
        XCTAssertEqual(try llm.generateComments(request).tableComment, "高速公路服务区管理系统中的服务区信息视图")
    }

    func testExistingCommentsAreLeftOut() throws {
        let described = table("bss_company", comment: "公司表", columns: [
            column("company_name", comment: "公司名称", position: 1), column("company_no", position: 2),
        ])
        let comments = try llm.generateComments(TableCommentRequest(table: described, businessContext: context))
        XCTAssertNil(comments.tableComment)
        XCTAssertEqual(comments.columnComments, ["company_no": "公司编号"])
    }

    func testEveryColumnWithoutCommentGetsANonEmptyOne() throws {
        let names = ["id", "wx", "a", "_", "x1", "门店", "createTS", "ABC", "is_", "order", "col-1", "z_y_x_w"]
        let columns = names.enumerated().map { column($1, .text, position: $0 + 1) }
        let comments = try llm.generateComments(TableCommentRequest(table: table("t", columns: columns),
                                                                    businessContext: context))
        XCTAssertEqual(Set(comments.columnComments.keys), Set(names))
        for (name, text) in comments.columnComments {
            XCTAssertFalse(text.trimmingCharacters(in: .whitespaces).isEmpty, name)
        }
    }

    func testNeverApologises() throws {
        let columns = ["", "???", "抱歉", "x"].enumerated().map { column($1, .other, position: $0 + 1) }
        let comments = try llm.generateComments(TableCommentRequest(table: table("", columns: columns),
                                                                    businessContext: ""))
        let texts = [comments.tableComment ?? ""] + comments.columnComments.values
        for text in texts {
            XCTAssertFalse(text.isEmpty)
            XCTAssertFalse(text.contains("无法回答"), text)
            XCTAssertFalse(text.contains("稍后再试"), text)
        }
        XCTAssertFalse(comments.tableComment?.contains("抱歉") ?? true)
    }

    func testSameInputGivesSameOutput() throws {
        let request = TableCommentRequest(table: table("bss_business_day_data", columns: [
            column("wx", .decimal, position: 1), column("wx_order", .integer, position: 2),
            column("oper_date", .date, position: 3), column("xyz", position: 4),
        ]), businessContext: context)
        let first = try llm.generateComments(request)
        let results = ConcurrentComments()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            results.append(try? BuiltinLLM().generateComments(request))
        }
        XCTAssertEqual(results.values, Array(repeating: first, count: 8))
    }

    func testGlossaryHasNoDuplicateKeys() {
        XCTAssertEqual(ColumnGlossary.duplicateKeys, [])
    }
}

private final class ConcurrentComments: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [GeneratedComments?] = []

    func append(_ value: GeneratedComments?) {
        lock.lock()
        stored.append(value)
        lock.unlock()
    }

    var values: [GeneratedComments?] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
