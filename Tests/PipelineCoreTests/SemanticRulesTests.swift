import PipelineCore
import XCTest

/// The general rules of the semantic model: relationship names, measure words, code meanings.
final class SemanticRulesTests: XCTestCase {
    private func column(_ name: String, _ category: ColumnCategory, comment: String? = nil) -> ColumnDescription {
        ColumnDescription(name: name, position: 1, dataType: category == .decimal ? "numeric(12,2)" : "integer",
                          category: category, existingComment: comment)
    }

    func testEntityKeyNamesFindTheEntityTableWhateverItsPrefixOrPlural() {
        XCTAssertEqual(RelationshipCandidates.match(child: "service_area_id", parent: "bss_service_area", key: "id")?.0, "entity_key")
        XCTAssertEqual(RelationshipCandidates.match(child: "company_id", parent: "companies", key: "id")?.0, "entity_key")
        XCTAssertEqual(RelationshipCandidates.match(child: "customerId", parent: "Customer", key: "id")?.0, "entity_key")
        XCTAssertNil(RelationshipCandidates.match(child: "service_area_id", parent: "bss_service_area_mapper", key: "id"))
        XCTAssertNil(RelationshipCandidates.match(child: "id", parent: "bss_company", key: "id"))
    }

    func testRolePrefixedAndSharedKeyNamesAreProposed() {
        XCTAssertEqual(RelationshipCandidates.match(child: "owner_dept_id", parent: "department", key: "dept_id")?.0, "role_prefixed_key")
        XCTAssertEqual(RelationshipCandidates.match(child: "branch_no", parent: "bss_branch", key: "branch_no")?.0, "same_key_name")
        XCTAssertEqual(RelationshipCandidates.match(child: "service_no", parent: "bss_service_area", key: "service_area_no")?.0,
                       "entity_prefix_key")
        XCTAssertNil(RelationshipCandidates.match(child: "code", parent: "route", key: "code"), "a bare key word says nothing")
        XCTAssertNil(RelationshipCandidates.match(child: "source_type", parent: "source", key: "id"))
    }

    /// A decimal total of money on an orders table is revenue, not a count of orders (`total` is also a count word).
    func testAMoneyTotalOfOrdersHasRevenueSynonymsNotOrderCounts() {
        let total = MeasureLexicon.describe(column("total", .decimal, comment: "订单总额（元）"))
        XCTAssertEqual(total.unit, "元")
        XCTAssertTrue(total.synonyms.contains("营收"), "\(total.synonyms)")
        XCTAssertFalse(total.synonyms.contains("订单数"), "\(total.synonyms)")
        let orders = MeasureLexicon.describe(column("order_total", .integer))
        XCTAssertTrue(orders.synonyms.contains("订单数"), "\(orders.synonyms)")
    }

    func testPricesRatesAndAreasAverageWhileAmountsAndCountsSum() {
        let price = MeasureLexicon.describe(column("unit_price", .decimal))
        XCTAssertEqual(price.aggregation, .avg)
        XCTAssertFalse(price.additive)
        XCTAssertEqual(price.unit, "元")
        XCTAssertEqual(MeasureLexicon.describe(column("floor_sqft", .decimal)).unit, "平方英尺")
        XCTAssertEqual(MeasureLexicon.describe(column("points_balance", .integer)).unit, "分", "points are no money")
        XCTAssertEqual(MeasureLexicon.describe(column("account_balance", .decimal)).unit, "元")
        XCTAssertEqual(MeasureLexicon.describe(column("conversion_rate", .decimal)).unit, "%")
        XCTAssertEqual(MeasureLexicon.describe(column("max_speed", .integer)).aggregation, .max)
        let revenue = MeasureLexicon.describe(column("pay_sum", .decimal))
        XCTAssertEqual(revenue.aggregation, .sum)
        XCTAssertEqual(revenue.unit, "元")
        XCTAssertTrue(revenue.synonyms.contains("营收") && revenue.synonyms.contains("营业额"))
        let cars = MeasureLexicon.describe(column("car_count", .integer))
        XCTAssertEqual(cars.unit, "辆")
        XCTAssertTrue(cars.synonyms.contains("车流量"))
        XCTAssertEqual(MeasureLexicon.describe(column("order_total", .integer)).unit, "笔")
        XCTAssertEqual(MeasureLexicon.describe(column("zf_order", .integer, comment: "支付宝订单数")).unit, "笔",
                       "a count of orders paid one way is a count, not money")
        XCTAssertEqual(MeasureLexicon.describe(column("member_qty", .integer)).unit, "个")
        XCTAssertEqual(MeasureLexicon.describe(column("x", .decimal, comment: "建筑面积（平方米）")).unit, "平方米")
    }

    func testCodeMeaningsComeFromCommentsAndAllowedValuesFromChecks() {
        XCTAssertEqual(CodeMeanings.fromComment("销售状态：1=在售 2=停售 3=预售"), ["1": "在售", "2": "停售", "3": "预售"])
        XCTAssertEqual(CodeMeanings.fromComment("0-正常，1-停用"), ["0": "正常", "1": "停用"])
        XCTAssertEqual(CodeMeanings.fromComment("开始日期 2024-01-01"), [:])
        XCTAssertEqual(CodeMeanings.allowedValues(column: "status", checks: [
            "CHECK (((status)::text = ANY ((ARRAY['new'::character varying, 'paid'::character varying])::text[])))",
        ]), ["new", "paid"])
        XCTAssertEqual(CodeMeanings.allowedValues(column: "level", checks: ["CHECK ((level = ANY (ARRAY[1, 2, 3])))"]), ["1", "2", "3"])
    }

    func testAuditAndSensitiveColumnsAreNeverMeasuresOrDimensions() {
        let classifier = ColumnRoleClassifier(foreignKeyColumns: [], primaryKey: ["id"], statistics: nil, estimatedRows: 100)
        XCTAssertEqual(classifier.role(of: column("version", .integer)), .audit)
        var phone = ColumnDescription(name: "phone", position: 1, dataType: "varchar(20)", category: .text)
        phone.isSensitive = true
        XCTAssertEqual(classifier.role(of: phone), .sensitive)
        XCTAssertEqual(classifier.role(of: column("id", .integer)), .identifier)
        XCTAssertEqual(classifier.role(of: column("status", .integer)), .dimension)
        XCTAssertEqual(classifier.role(of: column("amount", .decimal)), .measure)
    }
}
