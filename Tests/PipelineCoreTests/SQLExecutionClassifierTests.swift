import PipelineCore
import XCTest

/// The execution check's rules on result samples (docs/execution-check.md), without a database.
final class SQLExecutionClassifierTests: XCTestCase {
    private func classify(_ sql: String, _ columns: [String], _ rows: [[String?]]) -> SQLExecutionClass {
        SQLExecutionClassifier.classify(sql: sql, .rows(SQLResultSample(columns: columns, rows: rows))).0
    }

    func test_noRows_onlyNulls_andASingleZeroRow_areEmpty() {
        XCTAssertEqual(classify("SELECT id FROM t WHERE false;", ["id"], []), .empty)
        XCTAssertEqual(classify("SELECT SUM(a), AVG(a) FROM t;", ["sum", "avg"], [[nil, nil]]), .empty)
        XCTAssertEqual(classify("SELECT COUNT(*) FROM t WHERE a > 9;", ["count"], [["0"]]), .empty)
        XCTAssertEqual(classify("SELECT COUNT(*), SUM(a) FROM t WHERE a > 9;", ["count", "sum"], [["0", nil]]), .empty)
    }

    func test_aGroupingWithTheSameValuesInEveryGroup_isDegenerate() {
        let sql = "SELECT region, COUNT(*) AS n FROM t GROUP BY region;"
        XCTAssertEqual(classify(sql, ["region", "n"], [["a", "50"], ["b", "50"], ["c", "50"]]), .degenerate)
        XCTAssertEqual(classify(sql, ["region", "n"], [["a", "50"], ["b", "49"]]), .ok)
        XCTAssertEqual(classify(sql, ["region"], [["a"], ["b"]]), .ok, "no value column: nothing to judge")
        XCTAssertEqual(classify("SELECT year, COUNT(*) FROM t GROUP BY year;", ["year", "count"], [["2023", "5"], ["2024", "5"]]),
                       .ok, "a numeric key that varies keeps it: the rule errs towards keeping")
        XCTAssertEqual(classify("SELECT region, a FROM t;", ["region", "a"], [["a", "5"], ["b", "5"]]), .ok,
                       "not a grouping: equal values in a detail list are data")
    }

    func test_aConstantThatReadsNoTable_isDegenerate_andARealSingleValueIsOk() {
        XCTAssertEqual(classify("SELECT 1 AS one;", ["one"], [["1"]]), .degenerate)
        XCTAssertEqual(classify("SELECT COUNT(*) FROM t;", ["count"], [["42"]]), .ok)
    }

    func test_timeoutAndError_keepTheirReason() {
        let timeout = SQLExecutionClassifier.classify(sql: "SELECT 1;", .timeout("验证超时(10ms)"))
        XCTAssertEqual(timeout.0, .timeout)
        XCTAssertEqual(timeout.1, "验证超时(10ms)")
        XCTAssertEqual(SQLExecutionClassifier.classify(sql: "SELECT 1/0;", .failed("division by zero")).0, .error)
    }
}
