import PipelineCore
import XCTest
@testable import PipelineSteps

/// Step 2 keeps each question and each SQL once, one line each, ending with `;`.
final class PairCollectorTests: XCTestCase {
    func testDuplicatesBySQLUpToCaseWhitespaceAndSemicolon_orByQuestion_areDropped() {
        var collector = PairCollector()
        collector.add([
            QuestionSQLPair(question: "订单有多少？", sql: "SELECT COUNT(*) FROM orders;"),
            QuestionSQLPair(question: "一共几个订单", sql: "select   count(*)\nfrom orders"),
            QuestionSQLPair(question: "订单有多少？", sql: "SELECT 1;"),
            QuestionSQLPair(question: "客户有多少？", sql: "SELECT COUNT(*) FROM customers"),
        ])
        XCTAssertEqual(collector.pairs.map(\.question), ["订单有多少？", "客户有多少？"])
        XCTAssertEqual(collector.duplicates, 2)
        XCTAssertEqual(collector.pairs.last?.sql, "SELECT COUNT(*) FROM customers;")
    }

    func testMultiLineTextBecomesOneLine_andEmptyPairsAreSkipped() {
        var collector = PairCollector()
        collector.add([
            QuestionSQLPair(question: "各城市\n客户数", sql: "SELECT city,\n  COUNT(*)\nFROM customers GROUP BY city;"),
            QuestionSQLPair(question: "  ", sql: "SELECT 2;"),
        ])
        XCTAssertEqual(collector.pairs.map(\.question), ["各城市 客户数"])
        XCTAssertEqual(collector.pairs.first?.sql, "SELECT city, COUNT(*) FROM customers GROUP BY city;")
        XCTAssertEqual(collector.duplicates, 0)
    }
}
