import XCTest
@testable import PipelineCore

final class TableListParserTests: XCTestCase {
    private let parser = TableListParser()

    private func names(_ result: TableListParser.Result) -> [String] {
        result.tables.map(\.description)
    }

    func testSkipsBlankLines() {
        XCTAssertEqual(names(parser.parse(text: "a\n\n   \nb\n")), ["a", "b"])
    }

    func testSkipsHashCommentLines() {
        let result = parser.parse(text: "# 表清单文件\n  # indented\na\n")
        XCTAssertEqual(names(result), ["a"])
        XCTAssertEqual(result.originalCount, 1)
        XCTAssertEqual(result.invalidNames, [])
    }

    func testSkipsDashDashCommentLines() {
        let result = parser.parse(text: "-- comment, with comma\na\n")
        XCTAssertEqual(names(result), ["a"])
        XCTAssertEqual(result.invalidNames, [])
    }

    func testSplitsSeveralNamesPerLineOnCommas() {
        XCTAssertEqual(names(parser.parse(text: "a, b,ods.c\nd")), ["a", "b", "ods.c", "d"])
    }

    func testDropsDuplicatesKeepingFirstAndOrder() {
        XCTAssertEqual(names(parser.parse(text: "b\na\nb\nc, a\n")), ["b", "a", "c"])
    }

    func testOriginalCountCountsNamesBeforeValidationAndDeduplication() {
        XCTAssertEqual(parser.parse(text: "a, a\n1bad\nb,, \n").originalCount, 4)
    }

    func testCollectsInvalidNamesAsWritten() {
        let result = parser.parse(text: "ok\n  a b  \n1abc, a.b.c\n")
        XCTAssertEqual(names(result), ["ok"])
        XCTAssertEqual(result.invalidNames, ["a b", "1abc", "a.b.c"])
    }

    func testAcceptsCRLFLineEndings() {
        let result = parser.parse(text: "a\r\nb\r\n# c\r\n\r\nd\r\n")
        XCTAssertEqual(names(result), ["a", "b", "d"])
        XCTAssertEqual(result.invalidNames, [])
    }

    func testAcceptsBareCRLineEndings() {
        XCTAssertEqual(names(parser.parse(text: "a\rb\r")), ["a", "b"])
    }

    func testCommaInsideQuotesDoesNotSplit() {
        let result = parser.parse(text: #""a,b", c"#)
        XCTAssertEqual(names(result), [#""a,b""#, "c"])
        XCTAssertEqual(result.tables.first?.table, "a,b")
    }

    func testCommaSeparatedStringIsSplit() {
        XCTAssertEqual(names(parser.parse(commaSeparated: "a,b,schema.c")), ["a", "b", "schema.c"])
    }

    func testNamesArrayIsTrimmedAndEmptyEntriesIgnored() {
        let result = parser.parse(names: [" a ", "", "  ", "public.\"门店评价\""])
        XCTAssertEqual(names(result), ["a", #"public."门店评价""#])
        XCTAssertEqual(result.originalCount, 2)
    }

    func testUnquotedChineseNameIsAcceptedLikeTheQuotedOne() {
        let result = parser.parse(text: "public.客户反馈\npublic.\"客户反馈\"\n")
        XCTAssertEqual(result.invalidNames, [])
        XCTAssertEqual(result.tables.map(\.table), ["客户反馈", "客户反馈"])
    }

    func testEmptyTextGivesNothing() {
        XCTAssertEqual(parser.parse(text: ""), TableListParser.Result(tables: [], originalCount: 0, invalidNames: []))
    }
}
