import Foundation
import PgQuery
import XCTest

/// The wrapper of PostgreSQL's parser: trees, tokens, fingerprints and errors come back as Swift values.
final class PgQueryTests: XCTestCase {
    func testParseGivesOneSelectStatementWithItsTree() throws {
        let statements = try PgQuery.parse("SELECT a.x FROM s.t AS a WHERE a.y = 'é\"\\n'")
        XCTAssertEqual(statements.count, 1)
        let select = try XCTUnwrap(statements[0].node["SelectStmt"])
        let range = try XCTUnwrap(select["fromClause"]?.array?.first?["RangeVar"])
        XCTAssertEqual(range["schemaname"]?.string, "s")
        XCTAssertEqual(range["relname"]?.string, "t")
        XCTAssertEqual(range["alias"]?["aliasname"]?.string, "a")
        let constant = select["whereClause"]?["A_Expr"]?["rexpr"]?["A_Const"]?["sval"]?["sval"]?.string
        XCTAssertEqual(constant, "é\"\\n")
    }

    func testParseKeepsNonAsciiIdentifiersAndFoldsUnquotedCase() throws {
        let statements = try PgQuery.parse(#"SELECT "中文列", Abc FROM "订单""#)
        let select = try XCTUnwrap(statements.first?.node["SelectStmt"])
        let columns = select["targetList"]?.array?.compactMap { $0["ResTarget"]?["val"]?["ColumnRef"]?["fields"]?.array?.first?["String"]?["sval"]?.string }
        XCTAssertEqual(columns, ["中文列", "abc"])
        XCTAssertEqual(select["fromClause"]?.array?.first?["RangeVar"]?["relname"]?.string, "订单")
    }

    func testParseSplitsStatementsWithTheirLocations() throws {
        let statements = try PgQuery.parse("SELECT 1; SELECT 2")
        XCTAssertEqual(statements.count, 2)
        XCTAssertEqual(statements[0].location, 0)
        XCTAssertEqual(statements[0].length, 8)
        XCTAssertEqual(statements[1].location, 9)
        XCTAssertNil(statements[1].length)
    }

    func testParseErrorCarriesTheServersMessageAndPosition() {
        XCTAssertThrowsError(try PgQuery.parse("SELECT * FORM t")) { error in
            let failure = error as? PgQueryError
            XCTAssertEqual(failure?.message, #"syntax error at or near "FORM""#)
            XCTAssertEqual(failure?.cursorPosition, 10)
        }
    }

    func testDeeplyNestedStatementIsAnErrorNotACrash() {
        // 3,000 nested subqueries parse in C; their tree is far deeper than the reader's bound.
        let depth = 3_000
        let sql = "SELECT " + String(repeating: "(SELECT ", count: depth) + "1" + String(repeating: ")", count: depth)
        XCTAssertThrowsError(try PgQuery.parse(sql))
    }

    func testTreeAtTheDepthBoundIsReadOnASmallThreadStack() throws {
        // Just under the bound (about 8 tree levels per subquery), on a 512 KiB stack like a dispatch thread's.
        let sql = "SELECT " + String(repeating: "(SELECT ", count: 35) + "1" + String(repeating: ")", count: 35)
        let done = expectation(description: "parsed")
        nonisolated(unsafe) var count = -1
        let thread = Thread {
            count = (try? PgQuery.parse(sql))?.count ?? 0
            done.fulfill()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        wait(for: [done], timeout: 10)
        XCTAssertEqual(count, 1)
    }

    func testScanMarksCommentsKeywordsAndCharacters() throws {
        let tokens = try PgQuery.scan("/* a */ SELECT (x) -- b\n;")
        XCTAssertEqual(tokens.map(\.kind), [.comment, .keyword, .character(UInt8(ascii: "(")), .other,
                                            .character(UInt8(ascii: ")")), .comment, .character(UInt8(ascii: ";"))])
        XCTAssertEqual(tokens.first?.start, 0)
        XCTAssertEqual(tokens.first?.end, 7)
    }

    func testFingerprintIgnoresConstantsAndSpellingButNotStructure() throws {
        let a = try PgQuery.fingerprint("SELECT a FROM t WHERE b = 1")
        let b = try PgQuery.fingerprint("select A  from T where B = 42 -- x")
        let c = try PgQuery.fingerprint("SELECT a FROM t WHERE c = 1")
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a, c)
        XCTAssertEqual(a.count, 16)
    }

    func testNormalizeReplacesConstants() throws {
        XCTAssertEqual(try PgQuery.normalize("SELECT a FROM t WHERE b = 'x' LIMIT 5"), "SELECT a FROM t WHERE b = $1 LIMIT $2")
    }

    func testCanonicalTextIsEqualForTheSameStatementWrittenDifferently() throws {
        let a = try PgQuery.parse("select a,b from T -- c")[0].node.canonicalText(omitting: ["location"])
        let b = try PgQuery.parse("SELECT a , B /* x */ FROM t")[0].node.canonicalText(omitting: ["location"])
        let c = try PgQuery.parse("SELECT a, b FROM u")[0].node.canonicalText(omitting: ["location"])
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a, c)
    }
}
