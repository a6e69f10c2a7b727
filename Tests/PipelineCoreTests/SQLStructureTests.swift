import PipelineCore
import XCTest

/// QUALITY.md's shape: names and values replaced, the query's pattern kept.
final class SQLStructureTests: XCTestCase {
    func testTheSamePatternOverOtherTablesAndColumnsHasOneStructure() {
        let revenue = SQLStructure.of("SELECT sa.service_area_name AS 服务区, SUM(b.pay_sum) AS 营收 FROM bss_business_day_data b JOIN bss_service_area sa ON sa.id = b.area_id WHERE b.oper_date >= '2025-06-01' GROUP BY sa.service_area_name;")
        let traffic = SQLStructure.of("SELECT s.name AS 门店, SUM(d.qty) AS 销量 FROM daily_sales d JOIN stores s ON s.id = d.store_id WHERE d.sale_date >= '2024-01-01' GROUP BY s.name;")
        XCTAssertNotNil(revenue)
        XCTAssertEqual(revenue, traffic)
    }

    func testAnotherAggregateOrClauseIsAnotherStructure() {
        let sum = SQLStructure.of("SELECT region, SUM(amount) FROM orders GROUP BY region;")
        XCTAssertNotEqual(sum, SQLStructure.of("SELECT region, AVG(amount) FROM orders GROUP BY region;"))
        XCTAssertNotEqual(sum, SQLStructure.of("SELECT region, SUM(amount) FROM orders GROUP BY region ORDER BY 2 DESC LIMIT 5;"))
    }

    func testCommentsDoNotCount_andTextThatDoesNotScanHasNone() {
        XCTAssertEqual(SQLStructure.of("SELECT a FROM t; -- note"), SQLStructure.of("SELECT b FROM u;"))
        XCTAssertNil(SQLStructure.of("SELECT 'unterminated"))
    }
}
