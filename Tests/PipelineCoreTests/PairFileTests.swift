import Foundation
import PipelineCore
import XCTest

/// The pair file (FORMATS.md §3): a pretty JSON array, non-ASCII unescaped, `question` and `sql` first, extra keys
/// kept; items without a question or SQL are skipped when reading.
final class PairFileTests: XCTestCase {
    func testRenderPutsQuestionAndSQLFirst_unescaped_andParseReadsItBack() throws {
        let pair = QuestionSQLPair(question: "统计“各服务区”的营收/利润", sql: "SELECT 1 AS 数量;", theme: "营收分析",
                                   tables: ["public.a"], difficulty: .hard)
        let text = String(decoding: PairFile.render([PairFileEntry(pair)]), as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("[\n  {\n    \"question\": \"统计“各服务区”的营收/利润\",\n    \"sql\": \"SELECT 1 AS 数量;\",\n"), text)
        XCTAssertTrue(text.contains("\"difficulty\": \"hard\""))
        let parsed = try PairFile.parse(Data(text.utf8))
        XCTAssertEqual(parsed.skipped, 0)
        XCTAssertEqual(parsed.entries.first?.question, pair.question)
        XCTAssertEqual(parsed.entries.first?.tables, ["public.a"])
    }

    func testItemsWithoutQuestionOrSQLAreSkipped_keysMatchCaseInsensitively_andExtraKeysSurviveASQLChange() throws {
        let text = #"[{"Question": "q1", "SQL": "SELECT 1"}, {"question": "no sql"}, 5, {"question": "q2", "sql": "SELECT 2", "note": {"by": "me"}}]"#
        let parsed = try PairFile.parse(Data(text.utf8))
        XCTAssertEqual(parsed.entries.map(\.question), ["q1", "q2"])
        XCTAssertEqual(parsed.skipped, 2)
        var entry = parsed.entries[1]
        entry.setSQL("SELECT 3;")
        let rendered = try PairFile.parse(PairFile.render([parsed.entries[0], entry]))
        XCTAssertEqual(rendered.entries.map(\.sql), ["SELECT 1", "SELECT 3;"])
        XCTAssertEqual(rendered.entries[1].fields["note"], .object(["by": .string("me")]))
    }

    func testANonArrayIsAnError() {
        XCTAssertThrowsError(try PairFile.parse(Data(#"{"question": "q"}"#.utf8)))
        XCTAssertThrowsError(try PairFile.parse(Data("not json".utf8)))
    }

    func testFileNamesCarryTheDatabaseAndTime() {
        let name = PairFile.fileName(database: "highway/db", now: Date(timeIntervalSince1970: 0))
        XCTAssertTrue(name.hasPrefix("qs_highway_db_"), name)
        XCTAssertTrue(name.hasSuffix("_pair.json"))
        XCTAssertTrue(PairFile.isPairFile(name))
        XCTAssertFalse(PairFile.isPairFile(name + ".backup"))
    }

    /// Issue 20 #7: items that are not pairs are classified with their reason and written back as they were.
    func testMalformedItemsCarryTheirReasonAndRenderBackUnchanged() throws {
        let text = #"[{"question": "q", "sql": "SELECT 1;"}, {"question": "数字", "sql": 42}, {"question": "空", "sql": null}, {"question": "缺"}, "文本", {"sql": " "}]"#
        let items = try PairFile.items(Data(text.utf8))
        XCTAssertEqual(items.count, 6)
        guard case .pair = items[0] else { return XCTFail("\(items[0])") }
        let reasons = items.dropFirst().map { item -> String in
            if case .malformed(_, let reason) = item { return reason }
            return "a pair"
        }
        XCTAssertEqual(reasons, ["sql字段不是字符串（实际为数字）", "sql字段为null", "缺少sql字段",
                                 "条目不是JSON对象（实际为字符串）", "缺少question字段；sql字段为空"])
        let rendered = try PairFile.items(PairFile.render(values: items.map(\.value)))
        XCTAssertEqual(rendered, items, "malformed items survive a rewrite")
        XCTAssertEqual(try PairFile.parse(Data(text.utf8)).skipped, 5)
    }
}
