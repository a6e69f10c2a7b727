import PipelineCore
import XCTest

/// The parse-tree facts the quality measures use; the cases mirror `scripts/quality_sql.py`'s `Analysis`.
final class PairSQLAnalysisTests: XCTestCase {
    private func reference(_ analysis: PairSQLAnalysis, _ name: String, in clause: PairSQLAnalysis.Clause? = nil) -> PairSQLAnalysis.Reference? {
        analysis.references.first { $0.name == name && (clause == nil || $0.clause == clause) }
    }

    func test_tablesAliasesAndClauses() throws {
        let analysis = try XCTUnwrap(PairSQLAnalysis("""
            SELECT a.name, SUM(b.amount) AS total FROM t a JOIN u b ON a.id = b.tid
            WHERE b.dt >= DATE '2024-01-01' GROUP BY a.name ORDER BY total DESC LIMIT 10
            """))
        XCTAssertEqual(analysis.tables, ["t", "u"])
        XCTAssertEqual(analysis.aliases, ["a": "t", "b": "u"])
        XCTAssertEqual(analysis.aggregates, ["sum"])
        XCTAssertTrue(analysis.hasGroupBy)
        XCTAssertEqual(reference(analysis, "amount")?.summed, true)
        XCTAssertEqual(reference(analysis, "amount")?.inAggregate, true)
        XCTAssertEqual(reference(analysis, "dt")?.clause, .where)
        XCTAssertEqual(reference(analysis, "tid")?.clause, .on)
        XCTAssertNotNil(reference(analysis, "name", in: .group))
        XCTAssertEqual(analysis.equalities.map { "\($0.0.qualifier ?? "").\($0.0.name)=\($0.1.qualifier ?? "").\($0.1.name)" }, ["a.id=b.tid"])
    }

    func test_caseConditionsAndProductsAreNotSummed_filterIsAWhere_extractIsADateFunction() throws {
        let analysis = try XCTUnwrap(PairSQLAnalysis("""
            SELECT EXTRACT(YEAR FROM dt) AS y, SUM(CASE WHEN k = 1 THEN amt ELSE 0 END) FILTER (WHERE region = '华东'),
                   SUM(qty * price) FROM sales GROUP BY y
            """))
        XCTAssertEqual(reference(analysis, "dt")?.inDateFunction, true)
        XCTAssertEqual(reference(analysis, "k")?.summed, false)
        XCTAssertEqual(reference(analysis, "amt")?.summed, true)
        XCTAssertEqual(reference(analysis, "region")?.clause, .where)
        XCTAssertEqual(reference(analysis, "region")?.inAggregate, false)
        XCTAssertEqual(reference(analysis, "qty")?.summed, false)
        XCTAssertEqual(reference(analysis, "price")?.summed, false)
    }

    func test_cteNamesAreNotTables_andUnqualifiedNamesResolveToEveryTableThatHasThem() throws {
        let analysis = try XCTUnwrap(PairSQLAnalysis("""
            WITH m AS (SELECT date_trunc('month', s.dt) AS month, SUM(amount) AS v FROM sales s JOIN shop p ON p.id = s.shop_id
                       GROUP BY 1)
            SELECT month, v - LAG(v) OVER (ORDER BY month) FROM m WHERE m.v IS NOT NULL
            """))
        XCTAssertEqual(analysis.tables, ["sales", "shop"])
        XCTAssertTrue(analysis.hasCTE)
        XCTAssertTrue(analysis.hasWindow)
        let columns: [String: Set<String>] = ["sales": ["dt", "amount", "shop_id"], "shop": ["id", "amount"]]
        let amount = try XCTUnwrap(reference(analysis, "amount"))
        XCTAssertEqual(analysis.owners(of: amount, columns: { columns[$0] ?? [] }), ["sales", "shop"])
        let qualified = try XCTUnwrap(reference(analysis, "dt"))
        XCTAssertEqual(analysis.owners(of: qualified, columns: { columns[$0] ?? [] }), ["sales"])
        XCTAssertEqual(reference(analysis, "v", in: .where)?.nullTest, true)
        XCTAssertEqual(reference(analysis, "month", in: .order)?.clause, .order)
    }

    func test_textThatDoesNotParseHasNoAnalysis() {
        XCTAssertNil(PairSQLAnalysis("SELEC x FROM"))
        XCTAssertNil(PairSQLAnalysis("SELECT 1; SELECT 2"))
    }
}
