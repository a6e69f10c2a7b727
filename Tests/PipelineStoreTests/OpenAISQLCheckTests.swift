import PipelineCore
@testable import PipelineProviders
import XCTest

/// The rules a model's SQL passes before it is kept (`GeneratedSQL`, `SQLReferenceCheck`).
final class OpenAISQLCheckTests: XCTestCase {
    private let tables = OpenAIFixtures.all

    private func accepted(_ sql: String, file: StaticString = #filePath, line: UInt = #line) -> String? {
        switch GeneratedSQL.check(sql, tables: tables) {
        case .success(let text): return text
        case .failure(let problem):
            XCTFail("refused: \(problem) — \(sql)", file: file, line: line)
            return nil
        }
    }

    private func refusal(_ sql: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        switch GeneratedSQL.check(sql, tables: tables) {
        case .success(let text):
            XCTFail("accepted: \(text)", file: file, line: line)
            return ""
        case .failure(let problem): return problem.description
        }
    }

    // MARK: - Shape

    func testMultiLineSQLIsPutOnOneLineWithASemicolon() {
        XCTAssertEqual(accepted("SELECT company_name\n  FROM bss_company\n WHERE delete_ts IS NULL"),
                       "SELECT company_name FROM bss_company WHERE delete_ts IS NULL;")
    }

    func testFencedSQLIsUnwrapped() {
        XCTAssertEqual(accepted("```sql\nSELECT COUNT(*) AS 公司数 FROM bss_company;\n```"), "SELECT COUNT(*) AS 公司数 FROM bss_company;")
    }

    func testLineCommentThatWouldSwallowTheRestIsRefused() {
        XCTAssertTrue(refusal("SELECT company_name -- 名称\nFROM bss_company;").contains("一行"))
    }

    func testEmptySQLIsRefused() {
        XCTAssertEqual(refusal("  "), "SQL为空")
    }

    // MARK: - Read-only

    func testNonSelectIsRefused() {
        XCTAssertTrue(refusal("DELETE FROM bss_company WHERE id = '1';").contains("只允许SELECT"))
        XCTAssertTrue(refusal("UPDATE bss_company SET company_name = 'x';").contains("只允许SELECT"))
    }

    func testSecondStatementIsRefused() {
        XCTAssertEqual(refusal("SELECT 1 FROM bss_company; DROP TABLE bss_company;"), "只允许单条SQL语句")
    }

    func testDataModifyingCTEIsRefused() {
        XCTAssertTrue(refusal("WITH gone AS (DELETE FROM bss_company RETURNING id) SELECT COUNT(*) FROM gone;").contains("DELETE"))
    }

    func testSelectIntoIsRefused() {
        XCTAssertEqual(refusal("SELECT * INTO copy_table FROM bss_company;"), "不允许SELECT INTO")
    }

    // MARK: - References

    func testUnknownTableIsRefused() {
        XCTAssertTrue(refusal("SELECT COUNT(*) FROM bss_orders WHERE delete_ts IS NULL;").contains("bss_orders"))
    }

    func testUnknownQualifiedColumnIsRefused() {
        let problem = refusal("SELECT s.service_area_name, s.area_size FROM bss_service_area s;")
        XCTAssertTrue(problem.contains("area_size"), problem)
        XCTAssertTrue(problem.contains("bss_service_area"), problem)
    }

    func testUnknownBareColumnIsRefused() {
        let problem = refusal("SELECT SUM(alipay) AS 支付宝金额 FROM bss_business_day_data WHERE delete_ts IS NULL;")
        XCTAssertTrue(problem.contains("alipay"), problem)
    }

    func testUndefinedAliasIsRefused() {
        XCTAssertTrue(refusal("SELECT x.company_name FROM bss_company c;").contains("x"))
    }

    func testColumnOfTheWrongTableIsRefused() {
        let problem = refusal("SELECT c.service_area_name FROM bss_company c JOIN bss_service_area s ON s.company_id = c.id;")
        XCTAssertTrue(problem.contains("bss_company 没有字段 service_area_name"), problem)
    }

    func testJoinsWithAliasesAndChineseAliasesPass() {
        XCTAssertNotNil(accepted("""
            SELECT c.company_name AS 公司名称, COUNT(s.id) AS 服务区数量 FROM bss_company AS c \
            LEFT JOIN bss_service_area s ON s.company_id = c.id AND s.delete_ts IS NULL \
            WHERE c.delete_ts IS NULL GROUP BY c.company_name ORDER BY 服务区数量 DESC LIMIT 5;
            """))
    }

    func testSchemaQualifiedTablePasses() {
        XCTAssertNotNil(accepted("SELECT DATE_TRUNC('month', o.created_at) AS 月份, SUM(o.amount) AS 金额 FROM ods.orders o GROUP BY 1 ORDER BY 1;"))
        XCTAssertTrue(refusal("SELECT ods.orders.price FROM ods.orders;").contains("price"))
    }

    func testCTEAndSubqueryColumnsAreLeftToExplain() {
        XCTAssertNotNil(accepted("""
            WITH daily AS (SELECT oper_date, SUM(pay_sum) AS total FROM bss_business_day_data WHERE delete_ts IS NULL GROUP BY oper_date) \
            SELECT d.oper_date AS 日期, d.total AS 营业额, d.whatever FROM daily d ORDER BY d.total DESC;
            """))
        XCTAssertNotNil(accepted("SELECT t.n AS 数量 FROM (SELECT COUNT(*) AS n FROM bss_company) AS t;"))
    }

    func testImplicitAliasesCaseEndAndCastsAreNotTakenForColumns() {
        XCTAssertNotNil(accepted("""
            SELECT service_name 服务区, CASE WHEN pay_type = 1 THEN '微信' ELSE '其他' END 支付方式, SUM(pay_sum)::numeric 总额, \
            EXTRACT(YEAR FROM oper_date) AS 年份, COUNT(*) FILTER (WHERE wx_order > 0) AS 微信单数 \
            FROM bss_business_day_data WHERE delete_ts IS NULL AND oper_date >= CURRENT_DATE - INTERVAL '30 days' \
            GROUP BY service_name, 2, 4 ORDER BY 总额 DESC NULLS LAST;
            """))
    }

    func testWindowFunctionsAndCorrelatedSubqueriesPass() {
        XCTAssertNotNil(accepted("""
            SELECT service_name AS 服务区, pay_sum AS 营业额, RANK() OVER (PARTITION BY oper_date ORDER BY pay_sum DESC) AS 排名 \
            FROM bss_business_day_data d WHERE pay_sum > (SELECT AVG(x.pay_sum) FROM bss_business_day_data x WHERE x.oper_date = d.oper_date);
            """))
    }

    func testWindowNamesCollationsAndNamedArgumentsAreNotTakenForColumns() {
        XCTAssertNotNil(accepted("""
            SELECT service_name AS 服务区, SUM(pay_sum) OVER w AS 累计, make_interval(days => 1) AS 一天 \
            FROM bss_business_day_data WINDOW w AS (PARTITION BY service_name ORDER BY oper_date) ORDER BY service_name COLLATE "C";
            """))
    }

    func testUnquotedValueIsTakenForAnUnknownColumn() {
        XCTAssertTrue(refusal("SELECT COUNT(*) FROM bss_service_area WHERE service_state = 开放;").contains("开放"))
    }

    func testTableFunctionInFromDisablesBareWordChecks() {
        XCTAssertNotNil(accepted("SELECT g.d AS 日期, COUNT(b.id) FROM generate_series(1, 3) AS g(d) LEFT JOIN bss_company b ON true GROUP BY g.d;"))
    }

    func testTablesNamedAreTheFromClauseTables() {
        let named = SQLReferenceCheck.tablesNamed(
            in: "SELECT 1 FROM bss_company c JOIN bss_service_area s ON s.company_id = c.id WHERE c.company_name LIKE '%bss_business_day_data%';",
            among: tables)
        XCTAssertEqual(named.map(\.reference.name), ["bss_company", "bss_service_area"])
    }

    /// No false alarm on a large, varied body of valid SQL: every pair the built-in writer makes for these tables.
    func testBuiltinPairsPassTheReferenceCheck() throws {
        let llm = BuiltinLLM()
        let themes = try llm.extractThemes(ThemeRequest(tables: tables, businessContext: "高速公路服务区", themeCount: 4))
        var checked = 0
        for theme in themes {
            let related = tables.filter { theme.relatedTables.contains(PromptDocuments.name($0.reference)) }
            for pair in try llm.generatePairs(PairRequest(theme: theme, tables: related, businessContext: "", pairCount: 12)) {
                XCTAssertEqual(SQLReferenceCheck.problems(in: pair.sql, tables: tables), [], pair.sql)
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 20)
    }

    /// And no blind spot either: the same SQL with one real column renamed to an unknown one is refused (except where
    /// the new name is also defined as an output alias, which `GROUP BY`/`ORDER BY` may then legally mean).
    func testBuiltinPairsWithAnUnknownColumnAreRefused() throws {
        let llm = BuiltinLLM()
        let columns = Set(tables.flatMap { $0.columns.map(\.name) }).sorted()
        var total = 0
        var caught = 0
        for theme in try llm.extractThemes(ThemeRequest(tables: tables, businessContext: "", themeCount: 4)) {
            let related = tables.filter { theme.relatedTables.contains(PromptDocuments.name($0.reference)) }
            for pair in try llm.generatePairs(PairRequest(theme: theme, tables: related, businessContext: "", pairCount: 12)) {
                guard let column = columns.first(where: { pair.sql.range(of: "\\b\($0)\\b", options: .regularExpression) != nil }) else { continue }
                let mutated = pair.sql.replacingOccurrences(of: "\\b\(column)\\b", with: "no_such_column", options: .regularExpression)
                total += 1
                if !SQLReferenceCheck.problems(in: mutated, tables: tables).isEmpty || mutated.contains("AS no_such_column") { caught += 1 }
            }
        }
        XCTAssertGreaterThan(total, 20)
        XCTAssertEqual(caught, total)
    }
}
