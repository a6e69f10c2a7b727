import PipelineCore
@testable import PipelineSteps
import XCTest

/// Step 2's collection: duplicates by question and fingerprint dropped; a theme's pairs favour new structures and
/// new columns, the rest become replacement candidates.
final class PairCollectorTests: XCTestCase {
    private func pair(_ question: String, _ sql: String) -> QuestionSQLPair {
        QuestionSQLPair(question: question, sql: sql, theme: "t")
    }

    func testDuplicatesByQuestionOrByFingerprintAreDropped() {
        var collector = PairCollector()
        collector.add([pair("各地区金额", "SELECT region, SUM(amount) FROM orders GROUP BY region;"),
                       pair("各地区金额", "SELECT region, SUM(qty) FROM orders GROUP BY region;"),
                       pair("3月各地区金额", "SELECT region, SUM(amount) FROM orders WHERE month = 3 GROUP BY region;"),
                       pair("4月各地区金额", "SELECT region, SUM(amount) FROM orders WHERE month = 4 GROUP BY region;")], keep: 10)
        XCTAssertEqual(collector.pairs.map(\.question), ["各地区金额", "3月各地区金额"])
        XCTAssertEqual(collector.duplicates, 2)
    }

    func testAThemeKeepsNewStructuresAndNewColumnsFirst_andTheRestAreCandidates() {
        var collector = PairCollector()
        collector.add([pair("各地区金额", "SELECT region, SUM(amount) FROM orders GROUP BY region;")], keep: 1)
        collector.add([
            pair("各地区数量", "SELECT region, SUM(amount) FROM orders GROUP BY region ORDER BY 1;"),   // seen columns, new structure
            pair("各渠道金额", "SELECT channel, SUM(amount) FROM orders GROUP BY channel;"),           // seen structure, new column
            pair("各地区金额二", "SELECT region, SUM(amount) FROM orders WHERE amount > 0 GROUP BY region;"),
            pair("同结构同列", "SELECT region, SUM(amount) FROM sales GROUP BY region;"),               // seen structure, other table
        ], keep: 2)
        XCTAssertEqual(collector.pairs.map(\.question), ["各地区金额", "各地区数量", "各渠道金额"])
        XCTAssertEqual(collector.candidates.map(\.question), ["各地区金额二", "同结构同列"])
    }

    func testAShortThemeStillFillsItsCount() {
        var collector = PairCollector()
        collector.add([pair("a", "SELECT region, SUM(amount) FROM orders GROUP BY region;")], keep: 1)
        collector.add([pair("b", "SELECT region, SUM(amount) FROM sales GROUP BY region;"),
                       pair("c", "SELECT region, SUM(amount) FROM refunds GROUP BY region;")], keep: 2)
        XCTAssertEqual(collector.pairs.map(\.question), ["a", "b", "c"], "repeated structures when nothing else is left")
    }
}
