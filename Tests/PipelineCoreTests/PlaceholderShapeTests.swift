import PipelineCore
import XCTest

/// QUALITY.md's shapes: the expected texts are what `scripts/quality_sql.py`'s `shape` gives for the same SQL.
final class PlaceholderShapeTests: XCTestCase {
    func test_literalsAndIdentifiersArePlaceholders_keywordsAndFunctionsStay() {
        XCTAssertEqual(PlaceholderShape.of("""
            SELECT a.name, SUM(b.amount) AS total FROM t a JOIN u b ON a.id = b.tid WHERE b.dt >= DATE '2024-01-01' \
            AND b.kind IN ('x', 'y') GROUP BY a.name ORDER BY total DESC LIMIT 10;
            """),
            "SELECT I , SUM ( I ) AS I FROM I I JOIN I I ON I = I WHERE I >= DATE ? AND I IN ( ? ) GROUP BY I ORDER BY I DESC LIMIT ?")
    }

    func test_qualifiedStarAndTypeNames() {
        XCTAssertEqual(PlaceholderShape.of("SELECT t.*, COUNT(*) FROM s.t WHERE x::date = '2024-01-01' GROUP BY 1"),
                       "SELECT I , COUNT ( * ) FROM I WHERE I :: DATE = ? GROUP BY ?")
    }

    func test_commentsAndTrailingSemicolonDoNotCount() {
        XCTAssertEqual(PlaceholderShape.of("""
            WITH m AS (SELECT date_trunc('month', dt) AS month, SUM(qty * price) AS v FROM sales GROUP BY 1)
            SELECT month, v - LAG(v) OVER (ORDER BY month) FROM m -- note
            """),
            "WITH I AS ( SELECT DATE_TRUNC ( ? , I ) AS I , SUM ( I * I ) AS I FROM I GROUP BY ? ) SELECT I , I - LAG ( I ) OVER ( ORDER BY I ) FROM I")
    }

    func test_twoBreakdownsOfDifferentColumnsShareAShape_butNotAFingerprint() {
        let first = "SELECT region, SUM(amount) FROM sales GROUP BY region"
        let second = "SELECT city, SUM(qty) FROM orders GROUP BY city"
        XCTAssertEqual(PlaceholderShape.of(first), PlaceholderShape.of(second))
        XCTAssertNotEqual(ReadOnlySQL.shape(first), ReadOnlySQL.shape(second))
    }
}
