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

    /// PostgreSQL's lexer takes non-ASCII characters as identifier letters: `public.客户反馈` runs unquoted.
    func testAcceptsUnquotedChineseLikeItsQuotedSpelling() throws {
        let unquoted = try XCTUnwrap(TableName("public.客户反馈"))
        let quoted = try XCTUnwrap(TableName(#"public."客户反馈""#))
        XCTAssertEqual(unquoted.schema, quoted.schema)
        XCTAssertEqual(unquoted.table, quoted.table)
        XCTAssertEqual(unquoted.description, "public.客户反馈", "kept as written")
        XCTAssertEqual(try XCTUnwrap(TableName("门店评价_2024$")).table, "门店评价_2024$")
        XCTAssertEqual(try XCTUnwrap(TableName("ods_客户.订单")).schema, "ods_客户")
    }

    func testRefusesNonASCIIWhiteSpaceInAnUnquotedName() {
        XCTAssertNil(TableName("客户\u{3000}反馈"))
        XCTAssertNil(TableName("客户\u{A0}反馈"))
    }

    func testUnquoteRemovesQuotesAndUndoublesInnerQuotes() {
        XCTAssertEqual(TableName.unquote(#""a""b""#), #"a"b"#)
    }

    func testUnquoteLeavesUnquotedPartAlone() {
        XCTAssertEqual(TableName.unquote("MemberPoints"), "MemberPoints")
    }
}
