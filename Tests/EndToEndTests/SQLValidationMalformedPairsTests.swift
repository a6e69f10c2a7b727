import Foundation
import XCTest

/// Step 3 on a pair file with items that are not pairs (issue 20 #7): each is counted and reported invalid with its
/// reason, never sent to repair, and kept as it was when the file is rewritten; only pairs whose SQL stayed invalid
/// leave the file.
final class SQLValidationMalformedPairsTests: PipelineRunTestCase {
    override class var fixtureStatements: [String] {
        [
            "CREATE TABLE orders (id integer PRIMARY KEY, amount numeric(10,2))",
            "INSERT INTO orders SELECT g, g * 1.5 FROM generate_series(1, 20) g",
        ]
    }

    static let uploaded = """
    [
      {"question": "订单总数是多少？", "sql": "SELECT COUNT(*) AS 订单数 FROM orders;"},
      {"question": "数字SQL", "sql": 42},
      {"question": "空SQL", "sql": null},
      {"question": "缺少SQL"},
      "不是对象",
      {"question": "未知字段", "sql": "SELECT no_such_column FROM orders;"}
    ]
    """

    /// (valid, fragment of the reason) per item, in file order.
    static let expected: [(Bool, String?)] = [
        (true, nil), (false, "sql字段不是字符串（实际为数字）"), (false, "sql字段为null"), (false, "缺少sql字段"),
        (false, "条目不是JSON对象"), (false, "does not exist"),
    ]

    func test_malformedItems_areCountedReportedInvalidWithTheirReason_andKeptInTheRewrittenFile() throws {
        let id = try createFixtureTask(tables: ["orders"])
        assertSuccess(try upload(id, "qs_uploaded_pair.json", Self.uploaded))
        assertSuccess(try execute(id, ["execution_mode": "step", "step_name": "sql_validation"]), status: 202)
        let status = try waitUntilFinished(id)
        let result = status["result"]?["sql_validation"] ?? .null
        XCTAssertEqual(result["original_sql_count"]?.int, 6, result.description)
        XCTAssertEqual(result["valid_sql_count"]?.int, 1)
        XCTAssertEqual(result["invalid_sql_count"]?.int, 5)
        XCTAssertEqual(result["repair_stats"]?["attempted"]?.int, 1, "only the real pair goes to repair")
        XCTAssertEqual(result["file_modification_stats"]?["deleted"]?.int, 1, "only the pair with invalid SQL goes")

        let reportName = try XCTUnwrap(taskFileNames(id).first { $0.hasPrefix("sql_validation_") && $0.hasSuffix("_report.json") })
        let report = try XCTUnwrap(taskFile(id, reportName).flatMap { JSON.parse(Data($0.utf8)) })
        let details = report["detailed_results"]?.array ?? []
        XCTAssertEqual(details.count, Self.expected.count, report.description)
        for (detail, (valid, fragment)) in zip(details, Self.expected) {
            XCTAssertEqual(detail["valid"]?.bool, valid, detail.description)
            if let fragment {
                XCTAssertTrue(detail["error_message"]?.string?.contains(fragment) ?? false, "\(detail) (expected “\(fragment)”)")
            }
        }

        let rewritten = try XCTUnwrap(taskFile(id, "qs_uploaded_pair.json").flatMap { JSON.parse(Data($0.utf8)) }?.array)
        XCTAssertEqual(rewritten.count, 5, "the pair with invalid SQL is removed, the malformed items stay")
        guard rewritten.count == 5 else { return }
        XCTAssertEqual(rewritten[0]["sql"]?.string, "SELECT COUNT(*) AS 订单数 FROM orders;")
        XCTAssertEqual(rewritten[1]["sql"]?.int, 42)
        XCTAssertEqual(rewritten[2]["sql"], .null)
        XCTAssertEqual(rewritten[3]["question"]?.string, "缺少SQL")
        XCTAssertEqual(rewritten[4].string, "不是对象")
        let summaryName = try XCTUnwrap(taskFileNames(id).first { $0.hasSuffix("_summary.log") })
        XCTAssertTrue(taskFile(id, summaryName)?.contains("错误详情（共5个）") ?? false)
    }
}
