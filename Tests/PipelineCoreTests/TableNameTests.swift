import XCTest
@testable import PipelineCore

final class TableNameTests: XCTestCase {
    func testAcceptsPlainTable() throws {
        let name = try XCTUnwrap(TableName("a"))
        XCTAssertNil(name.schemaPart)
        XCTAssertEqual(name.tablePart, "a")
        XCTAssertEqual(name.description, "a")
    }

    func testSchemaDefaultsToPublic() throws {
        XCTAssertEqual(try XCTUnwrap(TableName("bss_company")).schema, "public")
    }

    func testAcceptsSchemaQualifiedTable() throws {
        let name = try XCTUnwrap(TableName("ods.bss_company"))
        XCTAssertEqual(name.schemaPart, "ods")
        XCTAssertEqual(name.schema, "ods")
        XCTAssertEqual(name.table, "bss_company")
        XCTAssertEqual(name.description, "ods.bss_company")
    }

    func testAcceptsDollarDigitsAndUnderscoreStart() throws {
        XCTAssertEqual(try XCTUnwrap(TableName("_t$1")).table, "_t$1")
    }

    func testAcceptsQuotedChineseTableInPublic() throws {
        let name = try XCTUnwrap(TableName(#"public."门店评价""#))
        XCTAssertEqual(name.schema, "public")
        XCTAssertEqual(name.table, "门店评价")
        XCTAssertEqual(name.tablePart, #""门店评价""#)
        XCTAssertEqual(name.description, #"public."门店评价""#)
    }

    func testAcceptsQuotedMixedCaseTable() throws {
        let name = try XCTUnwrap(TableName(#""MemberPoints""#))
        XCTAssertEqual(name.table, "MemberPoints")
        XCTAssertEqual(name.schema, "public")
        XCTAssertEqual(name.description, #""MemberPoints""#)
    }

    func testDoubledQuoteInsideQuotesIsOneQuote() throws {
        let name = try XCTUnwrap(TableName(#""a""b""#))
        XCTAssertEqual(name.table, #"a"b"#)
        XCTAssertEqual(name.tablePart, #""a""b""#)
    }

    func testDotInsideQuotesDoesNotSplit() throws {
        let name = try XCTUnwrap(TableName(#""x.y".z"#))
        XCTAssertEqual(name.schema, "x.y")
        XCTAssertEqual(name.table, "z")
    }

    func testRefusesSpace() {
        XCTAssertNil(TableName("a b"))
    }

    func testRefusesLeadingDigit() {
        XCTAssertNil(TableName("1abc"))
    }

    func testRefusesThreeParts() {
        XCTAssertNil(TableName("a.b.c"))
    }

    func testRefusesTrailingDot() {
        XCTAssertNil(TableName("a."))
    }

    func testRefusesLeadingDot() {
        XCTAssertNil(TableName(".a"))
    }

    func testRefusesEmptyQuotes() {
        XCTAssertNil(TableName(#""""#))
    }

    func testRefusesEmptyText() {
        XCTAssertNil(TableName(""))
    }

    func testRefusesSemicolon() {
        XCTAssertNil(TableName("a;drop"))
    }

    func testRefusesSQLCommentDashes() {
        XCTAssertNil(TableName("a--b"))
    }

    func testRefusesUnterminatedQuote() {
        XCTAssertNil(TableName(#""abc"#))
    }

    func testRefusesTextAfterClosingQuote() {
        XCTAssertNil(TableName(#""a"b"#))
    }

    func testRefusesUnquotedNonASCII() {
        XCTAssertNil(TableName("门店评价"))
    }

    func testUnquoteRemovesQuotesAndUndoublesInnerQuotes() {
        XCTAssertEqual(TableName.unquote(#""a""b""#), #"a"b"#)
    }

    func testUnquoteLeavesUnquotedPartAlone() {
        XCTAssertEqual(TableName.unquote("MemberPoints"), "MemberPoints")
    }
}
