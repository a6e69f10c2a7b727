import Foundation
import XCTest

/// Step 3's execution check on an uploaded pair file (issue 13 item 2): a pair that returns nothing, one whose
/// groups all have the same count, a NULL-only aggregate and one that runs into the statement timeout are each
/// classified and leave the pair file (kept in the report with their class and a sample); a re-run leaves the file
/// byte for byte as it was.
final class SQLValidationExecutionCheckTests: PipelineRunTestCase {
    override class var fixtureStatements: [String] {
        [
            "CREATE TABLE orders (id integer PRIMARY KEY, region text NOT NULL, amount numeric(10,2), placed_on date)",
            // Four regions of exactly 50 orders each, with different amounts.
            "INSERT INTO orders SELECT g, 'r' || (g % 4), g * 1.5, date '2024-01-01' + g FROM generate_series(1, 200) g",
        ]
    }

    /// (question, sql, expected class)
    static let pairs: [(String, String, String)] = [
        ("各地区订单金额合计", "SELECT region AS 地区, SUM(amount) AS 金额 FROM orders GROUP BY region ORDER BY region;", "ok"),
        ("金额超过十万的订单", "SELECT id, amount FROM orders WHERE amount > 100000;", "empty"),
        ("2100年以后的订单金额合计", "SELECT SUM(amount) AS 金额 FROM orders WHERE placed_on >= DATE '2100-01-01';", "empty"),
        ("各地区订单数", "SELECT region AS 地区, COUNT(*) AS 订单数 FROM orders GROUP BY region;", "degenerate"),
        ("一个很大的序列有多少个数", "SELECT COUNT(*) AS n FROM generate_series(1, 100000000000) AS g;", "timeout"),
    ]

    func test_emptyDegenerateAndTimeoutPairs_areClassifiedAndFiltered_andARerunKeepsTheFileBytes() throws {
        let id = try createFixtureTask(tables: ["orders"])
        let entries = Self.pairs.map { ["question": $0.0, "sql": $0.1] }
        let original = String(decoding: try JSONSerialization.data(withJSONObject: entries, options: [.prettyPrinted]), as: UTF8.self)
        assertSuccess(try upload(id, "qs_uploaded_pair.json", original))
        assertSuccess(try execute(id, ["execution_mode": "step", "step_name": "sql_validation"]), status: 202)
        let status = try waitUntilFinished(id)
        let result = status["result"]?["sql_validation"] ?? .null
        XCTAssertEqual(result["valid_sql_count"]?.int, Self.pairs.count, "all of them plan: the check comes after EXPLAIN")
        let check = result["execution_check"] ?? .null
        XCTAssertEqual(check["mode"]?.string, "filter", result.description)
        XCTAssertEqual(check["checked"]?.int, Self.pairs.count)
        for kind in ["ok", "empty", "degenerate", "timeout", "error"] {
            XCTAssertEqual(check["classes"]?[kind]?.int, Self.pairs.filter { $0.2 == kind }.count, "\(kind): \(check)")
        }
        XCTAssertEqual(check["filtered"]?.int, Self.pairs.filter { $0.2 != "ok" }.count)

        // Each pair's class, reason and a small sample are in the report.
        let reportName = try XCTUnwrap(taskFileNames(id).first { $0.hasPrefix("sql_validation_") && $0.hasSuffix("_report.json") })
        let report = try XCTUnwrap(taskFile(id, reportName).flatMap { JSON.parse(Data($0.utf8)) })
        let details = report["detailed_results"]?.array ?? []
        XCTAssertEqual(details.count, Self.pairs.count)
        for (detail, pair) in zip(details, Self.pairs) {
            let execution = detail["execution"] ?? .null
            XCTAssertEqual(execution["class"]?.string, pair.2, "\(pair.1): \(execution)")
            XCTAssertEqual(execution["filtered"]?.bool, pair.2 != "ok")
            if pair.2 != "ok" { XCTAssertNotNil(execution["reason"]?.string, "\(execution)") }
        }
        let degenerate = details[3]["execution"] ?? .null
        XCTAssertEqual(degenerate["columns"]?.array?.compactMap(\.string), ["地区", "订单数"])
        XCTAssertEqual(degenerate["sample_rows"]?.array?.count, 3, "a few rows, not the whole result")
        XCTAssertEqual(degenerate["sample_rows"]?.array?.first?.array?.last?.string, "50")

        // Only the ok pair stays; the upload is kept as .backup.
        let rewritten = try XCTUnwrap(taskFile(id, "qs_uploaded_pair.json"))
        let kept = JSON.parse(Data(rewritten.utf8))?.array?.compactMap { $0["sql"]?.string }
        XCTAssertEqual(kept, Self.pairs.filter { $0.2 == "ok" }.map(\.1))
        XCTAssertEqual(taskFile(id, "qs_uploaded_pair.json.backup"), original)
        let summaryName = try XCTUnwrap(taskFileNames(id).first { $0.hasSuffix("_summary.log") })
        XCTAssertTrue(taskFile(id, summaryName)?.contains("执行检查（模式 filter）") ?? false)

        // Re-running the step: nothing left to filter, the file is byte for byte the same.
        assertSuccess(try execute(id, ["execution_mode": "step", "step_name": "sql_validation"]), status: 202)
        let again = try waitUntilFinished(id)["result"]?["sql_validation"] ?? .null
        XCTAssertEqual(again["execution_check"]?["classes"]?["ok"]?.int, 1, again.description)
        XCTAssertEqual(again["execution_check"]?["filtered"]?.int, 0)
        XCTAssertEqual(taskFile(id, "qs_uploaded_pair.json"), rewritten)
    }

    /// A filtered pair is replaced in place by the first candidate of its theme that runs `ok` (an empty candidate is
    /// skipped); the report keeps the filtered pair with `replaced_by`; a re-run changes nothing.
    func test_aFilteredPair_isReplacedInPlaceByTheFirstCandidateOfItsThemeThatRunsOK() throws {
        let id = try createFixtureTask(tables: ["orders"])
        let pairs: [[String: String]] = [
            ["question": "金额超过十万的订单", "sql": "SELECT id, amount FROM orders WHERE amount > 100000;", "theme": "订单分析"],
            ["question": "各地区订单金额合计", "sql": "SELECT region AS 地区, SUM(amount) AS 金额 FROM orders GROUP BY region ORDER BY region;", "theme": "订单分析"],
        ]
        let candidates: [[String: String]] = [
            ["question": "其他主题的候选", "sql": "SELECT MAX(amount) AS 最大金额 FROM orders;", "theme": "别的分析"],
            ["question": "2100年的订单", "sql": "SELECT id FROM orders WHERE placed_on >= DATE '2100-01-01';", "theme": "订单分析"],
            ["question": "金额最高的5笔订单", "sql": "SELECT id, amount FROM orders ORDER BY amount DESC LIMIT 5;", "theme": "订单分析"],
        ]
        func json(_ value: Any) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys]), as: UTF8.self)
        }
        assertSuccess(try upload(id, "qs_uploaded_pair.json", try json(pairs)))
        assertSuccess(try upload(id, "qs_uploaded_pair_candidates.json", try json(candidates)))
        assertSuccess(try execute(id, ["execution_mode": "step", "step_name": "sql_validation"]), status: 202)
        let result = try waitUntilFinished(id)["result"]?["sql_validation"] ?? .null
        XCTAssertEqual(result["execution_check"]?["filtered"]?.int, 1, result.description)
        XCTAssertEqual(result["execution_check"]?["replaced"]?.int, 1, result.description)

        let rewritten = try XCTUnwrap(taskFile(id, "qs_uploaded_pair.json"))
        let kept = JSON.parse(Data(rewritten.utf8))?.array ?? []
        XCTAssertEqual(kept.compactMap { $0["sql"]?.string }, [candidates[2]["sql"]!, pairs[1]["sql"]!], "replaced in place, same theme first")
        XCTAssertEqual(kept.first?["theme"]?.string, "订单分析")

        let reportName = try XCTUnwrap(taskFileNames(id).first { $0.hasPrefix("sql_validation_") && $0.hasSuffix("_report.json") })
        let report = try XCTUnwrap(taskFile(id, reportName).flatMap { JSON.parse(Data($0.utf8)) })
        let first = report["detailed_results"]?.array?.first?["execution"] ?? .null
        XCTAssertEqual(first["class"]?.string, "empty")
        XCTAssertEqual(first["replaced_by"]?["sql"]?.string, candidates[2]["sql"], first.description)

        assertSuccess(try execute(id, ["execution_mode": "step", "step_name": "sql_validation"]), status: 202)
        let again = try waitUntilFinished(id)["result"]?["sql_validation"] ?? .null
        XCTAssertEqual(again["execution_check"]?["filtered"]?.int, 0, again.description)
        XCTAssertEqual(taskFile(id, "qs_uploaded_pair.json"), rewritten, "a re-run keeps the bytes")
    }
}
