import XCTest
import PipelineCore
@testable import PipelineProviders

/// The built-in provider's comments read as a DBA would write them: compound and domain terms, units and
/// abbreviations in Chinese, unknown words left out, trailing qualifiers in front (issue 12 item 3).
final class BuiltinCommentWordingTests: XCTestCase {
    private func comment(_ name: String, _ category: ColumnCategory = .text, table: String = "t",
                         context: String = "") -> String? {
        let column = ColumnDescription(name: name, position: 1, dataType: category == .text ? "text" : category.rawValue,
                                       category: category)
        let described = TableDescription(reference: TableReference(schema: "public", name: table), kind: .table,
                                         columns: [column])
        let request = TableCommentRequest(table: described, businessContext: context)
        return try? BuiltinLLM().generateComments(request).columnComments[name]
    }

    private func tableComment(_ name: String, context: String = "") -> String? {
        let described = TableDescription(reference: TableReference(schema: "public", name: name), kind: .table, columns: [])
        return try? BuiltinLLM().generateComments(TableCommentRequest(table: described, businessContext: context)).tableComment
    }

    func testTheIssuesExamples() {
        XCTAssertEqual(comment("stock_qty_avail", .integer), "可用库存数量")
        XCTAssertEqual(comment("floor_sqft", .decimal), "面积（平方英尺）")
        XCTAssertEqual(comment("settle_method"), "结算方式")
        XCTAssertEqual(comment("last_audit_dt", .date, table: "stores"), "最近盘点日期")
        XCTAssertEqual(comment("signup_ts", .timestamp), "注册时间")
        XCTAssertEqual(comment("tax_code"), "纳税人识别号")
        XCTAssertEqual(comment("is_manual_entry", .boolean), "是否手工录入")
        XCTAssertEqual(comment("classify"), "分类")
        XCTAssertEqual(tableComment("bss_service_area_mapper", context: "高速公路服务区管理系统"),
                       "高速公路服务区管理系统中的服务区映射表")
    }

    func testUnitsAreChineseInBrackets() {
        XCTAssertEqual(comment("weight_kg", .decimal), "重量（千克）")
        XCTAssertEqual(comment("area_sqm", .decimal), "面积（平方米）")
        XCTAssertEqual(comment("price_usd", .decimal), "单价（美元）")
        XCTAssertEqual(comment("amount_yuan", .decimal), "金额（元）")
        XCTAssertEqual(comment("discount_pct", .decimal), "折扣率（%）")
        XCTAssertEqual(comment("duration_ms", .integer), "时长（毫秒）")
        XCTAssertEqual(comment("distance_km", .decimal), "距离（公里）")
        XCTAssertEqual(comment("store_sqft", .decimal), "门店面积（平方英尺）")
        XCTAssertEqual(comment("revenue_per_sqft", .decimal), "每平方英尺营收")
        XCTAssertEqual(comment("kg", .decimal), "重量（千克）")
        XCTAssertEqual(comment("yield_kg_per_mu", .decimal), "每亩产量（千克）")
        XCTAssertEqual(comment("data_usage_mb", .decimal), "数据用量（MB）")
    }

    func testAbbreviations() {
        XCTAssertEqual(comment("avg_order_amt", .decimal), "平均订单金额")
        XCTAssertEqual(comment("cust_addr"), "客户地址")
        XCTAssertEqual(comment("emp_cnt", .integer), "员工数量")
        XCTAssertEqual(comment("dept_no"), "部门编号")
        XCTAssertEqual(comment("prod_cat"), "商品类别")
        XCTAssertEqual(comment("inv_no"), "发票号")
        XCTAssertEqual(comment("org_tel"), "组织电话")
        XCTAssertEqual(comment("item_desc"), "项目描述")
        XCTAssertEqual(comment("ship_dt", .date), "发货日期")
    }

    func testTrailingQualifiersComeFirst() {
        XCTAssertEqual(comment("qty_on_hand", .integer), "现有数量")
        XCTAssertEqual(comment("speed_max", .decimal), "最大速度")
        XCTAssertEqual(comment("total_amount", .decimal), "总金额")
        XCTAssertEqual(comment("num_of_items", .integer), "项目数量")
        XCTAssertEqual(comment("approved_by"), "审批人")
    }

    func testVerbsAndCompounds() {
        XCTAssertEqual(comment("check_in_time", .timestamp), "签到时间")
        XCTAssertEqual(comment("register_date", .date), "注册日期")
        XCTAssertEqual(comment("register_date", .date, table: "outpatient_visit"), "挂号日期")
        XCTAssertEqual(comment("order_items", .integer), "订单明细")
        XCTAssertEqual(comment("categories"), "类别")
        XCTAssertEqual(comment("is_in_training_data", .boolean), "是否在训练数据中")
        XCTAssertEqual(comment("is_in_stock", .boolean), "是否有货")
        XCTAssertEqual(comment("login_cnt", .integer), "登录次数")
        XCTAssertEqual(comment("return_qty", .integer), "退货数量")
        XCTAssertEqual(comment("emp_name"), "员工姓名")
    }

    func testWordsWrittenTogetherAreSplit() {
        XCTAssertEqual(comment("createtime", .timestamp), "创建时间")
        XCTAssertEqual(comment("orderstatus"), "订单状态")
        XCTAssertEqual(comment("paytype"), "支付类型")
        XCTAssertEqual(comment("productname"), "商品名称")
        XCTAssertEqual(tableComment("userinfo"), "用户信息表")
    }

    func testUnknownWordsAreLeftOut() {
        XCTAssertEqual(comment("xyz_amount", .decimal), "金额")
        XCTAssertEqual(comment("foo_flag", .boolean), "是否标记")
        XCTAssertEqual(comment("is_foo", .boolean), "是否标记")
        XCTAssertEqual(comment("del_flag", .integer), "是否删除")
        XCTAssertEqual(comment("status_flag"), "状态标志")
    }

    func testUnknownNamesAreDescribedByType() {
        XCTAssertEqual(comment("xyz"), "文本信息")
        XCTAssertEqual(comment("qqq", .timestamp), "时间")
        XCTAssertEqual(comment("qqq", .date), "日期")
        XCTAssertEqual(comment("zzz", .decimal), "数值")
        XCTAssertEqual(comment("zzz", .json), "JSON数据")
        XCTAssertEqual(comment("foo_id"), "关联记录ID")
    }

    func testContextPicksTheSense() {
        XCTAssertEqual(comment("entry_time", .timestamp), "录入时间")
        XCTAssertEqual(comment("entry_time", .timestamp, table: "toll_record"), "入口时间")
        XCTAssertEqual(comment("service_fee", .decimal), "服务费用")
        XCTAssertEqual(comment("checkin_date", .date, table: "hotel_bookings"), "入住日期")
        XCTAssertEqual(comment("check_in_time", .timestamp, table: "attendance"), "签到时间")
        XCTAssertEqual(comment("policy_no", table: "claims"), "保单号")
        XCTAssertEqual(comment("service_name", context: "高速公路服务区管理系统"), "服务区名称")
        // An item of an order is goods and an order's line its detail row; elsewhere they keep the glossary's sense.
        XCTAssertEqual(comment("item_name", table: "order_items"), "商品名称")
        XCTAssertEqual(comment("item_name", context: "连锁超市零售系统"), "商品名称")
        XCTAssertEqual(comment("item_name", table: "project_plan"), "项目名称")
        XCTAssertEqual(comment("line_status", table: "invoice_lines"), "明细状态")
        XCTAssertEqual(comment("line_status", table: "machines"), "产线状态")
    }

    func testGlossaryHoldsNoLatinWord() {
        for (key, value) in ColumnGlossary.entries {
            XCTAssertFalse(LatinWords.containsLowercaseWord(value, minimumLength: 1), "\(key) \(value)")
        }
    }

    func testTableNamesFromTheirEntity() {
        XCTAssertEqual(tableComment("customer_orders"), "客户订单信息表")
        XCTAssertEqual(tableComment("tbl_inventory_snapshot"), "库存快照表")
        XCTAssertEqual(tableComment("xyzzy"), "数据表")
        XCTAssertEqual(tableComment("xyzzy_log"), "日志表")
        XCTAssertEqual(tableComment("orders", context: "retail analytics"), "订单信息表", "an English context is left out")
        XCTAssertEqual(tableComment("product_metadata"), "商品元数据表")
        XCTAssertEqual(tableComment("course_teacher_link"), "课程教师关联表", "a link table relates, it is no hyperlink")
    }
}
