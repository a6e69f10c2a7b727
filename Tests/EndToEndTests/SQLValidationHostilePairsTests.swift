import Foundation
import XCTest

/// Step 3 on an uploaded pair file full of broken and hostile SQL (issue 4's must-show): each is reported invalid
/// with its reason, the business database is unchanged, and the file is rewritten with the original kept.
final class SQLValidationHostilePairsTests: PipelineRunTestCase {
    override class var fixtureStatements: [String] {
        [
            "CREATE TABLE orders (id integer PRIMARY KEY, customer text NOT NULL, amount numeric(10,2), placed_on date)",
            "CREATE TABLE customers (id integer PRIMARY KEY, customer text NOT NULL, city text)",
            "CREATE TABLE x (id integer PRIMARY KEY, note text)",
            "INSERT INTO orders SELECT g, 'c' || (g % 7), g * 1.5, date '2024-01-01' + g FROM generate_series(1, 200) g",
            "INSERT INTO customers SELECT g, 'c' || g, 'city' || (g % 3) FROM generate_series(0, 6) g",
            "INSERT INTO x VALUES (1, 'keep me'), (2, 'and me')",
        ]
    }

    static let businessTables = ["orders", "customers", "x"]

    /// (question, sql, expected fragment of the reason) — nil fragment: the pair is valid.
    static let pairs: [(String, String, String?)] = [
        ("订单总数是多少？", "SELECT COUNT(*) AS 订单数 FROM orders;", nil),
        ("各城市客户数", "SELECT city AS 城市, COUNT(*) AS 客户数 FROM customers GROUP BY city;", nil),
        ("未知字段", "SELECT no_such_column FROM orders;", "does not exist"),
        ("含糊字段", "SELECT customer FROM orders JOIN customers ON customers.id = orders.id;", "ambiguous"),
        ("语法错误", "SELEC amount FROM orders;", "SQL语法错误: syntax error at or near \"SELEC\""),
        ("语法错误2", "SELECT amount FROM orders WHERE;", "syntax error"),
        ("第二条语句", "SELECT 1; DROP TABLE x;", "单条"),
        ("提交后插入", "COMMIT; INSERT INTO x VALUES (3, 'injected');", "单条"),
        ("修改数据的CTE", "WITH d AS (DELETE FROM x RETURNING *) SELECT * FROM d;", "DELETE"),
        ("EXPLAIN ANALYZE", "EXPLAIN ANALYZE DELETE FROM orders;", "只允许SELECT"),
        ("加锁", "SELECT * FROM orders FOR UPDATE;", "FOR UPDATE"),
    ]

    func test_brokenAndHostilePairs_areReportedInvalid_databaseUnchanged_fileRewrittenWithOriginalKept() throws {
        let url = try fixtureURL()
        let before = try businessFingerprint(url, tables: Self.businessTables)
        let id = try createFixtureTask(tables: Self.businessTables)
        var entries: [[String: Any]] = Self.pairs.map { ["question": $0.0, "sql": $0.1] }
        entries[0]["note"] = "用户添加的字段"
        let original = String(decoding: try JSONSerialization.data(withJSONObject: entries, options: [.prettyPrinted]), as: UTF8.self)
        assertSuccess(try upload(id, "qs_uploaded_pair.json", original))

        assertSuccess(try execute(id, ["execution_mode": "step", "step_name": "sql_validation"]), status: 202)
        let status = try waitUntilFinished(id)
        XCTAssertEqual(status["status"]?.string, "partial_completed", status.description)
        let result = status["result"]?["sql_validation"] ?? .null
        let invalidCount = Self.pairs.filter { $0.2 != nil }.count
        XCTAssertEqual(result["original_sql_count"]?.int, Self.pairs.count, result.description)
        XCTAssertEqual(result["valid_sql_count"]?.int, Self.pairs.count - invalidCount)
        XCTAssertEqual(result["invalid_sql_count"]?.int, invalidCount)
        XCTAssertEqual(result["repair_stats"]?["attempted"]?.int, invalidCount, "repair is on by default; the built-in provider declines")
        XCTAssertEqual(result["file_modification_stats"]?["deleted"]?.int, invalidCount)

        // Each invalid pair is reported with its reason.
        let reportName = try XCTUnwrap(taskFileNames(id).first { $0.hasPrefix("sql_validation_") && $0.hasSuffix("_report.json") })
        let report = try XCTUnwrap(taskFile(id, reportName).flatMap { JSON.parse(Data($0.utf8)) })
        let details = report["detailed_results"]?.array ?? []
        XCTAssertEqual(details.count, Self.pairs.count)
        for (detail, pair) in zip(details, Self.pairs) {
            XCTAssertEqual(detail["valid"]?.bool, pair.2 == nil, "\(pair.1): \(detail)")
            if let fragment = pair.2 {
                let reason = detail["error_message"]?.string ?? ""
                XCTAssertTrue(reason.contains(fragment), "\(pair.1) → \(reason) (expected “\(fragment)”)")
            }
        }
        XCTAssertFalse(report.description.contains(EndToEndTestCase.distinctivePassword))

        // The business database is exactly as it was.
        XCTAssertEqual(try businessFingerprint(url, tables: Self.businessTables), before)

        // The file holds the valid pairs (extra keys kept); the uploaded original is kept as .backup.
        let rewritten = try XCTUnwrap(taskFile(id, "qs_uploaded_pair.json").flatMap { JSON.parse(Data($0.utf8)) })
        XCTAssertEqual(rewritten.array?.compactMap { $0["sql"]?.string }, Self.pairs.filter { $0.2 == nil }.map(\.1))
        XCTAssertEqual(rewritten.array?.first?["note"]?.string, "用户添加的字段")
        XCTAssertEqual(taskFile(id, "qs_uploaded_pair.json.backup"), original, "the original is kept byte for byte")
        let summaryName = try XCTUnwrap(taskFileNames(id).first { $0.hasSuffix("_summary.log") })
        XCTAssertTrue(taskFile(id, summaryName)?.contains("错误详情（共\(invalidCount)个）") ?? false)
    }
}
