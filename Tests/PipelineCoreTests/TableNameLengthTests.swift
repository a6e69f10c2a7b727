import XCTest
@testable import PipelineCore

/// Issue 20, 8a: PostgreSQL names are at most 63 bytes per part (NAMEDATALEN - 1); longer ones were accepted.
final class TableNameLengthTests: XCTestCase {
    func testPartsUpTo63BytesAreAccepted() {
        let longest = String(repeating: "a", count: 63)
        XCTAssertNotNil(TableName(longest))
        XCTAssertNotNil(TableName("\(longest).\(longest)"))
        XCTAssertNotNil(TableName("\"" + String(repeating: "表", count: 21) + "\""), "21 × 3 bytes = 63")
    }

    func testAPartOver63BytesIsRefused() {
        let tooLong = String(repeating: "a", count: 64)
        XCTAssertNil(TableName(tooLong))
        XCTAssertNil(TableName("public.\(tooLong)"))
        XCTAssertNil(TableName("\(tooLong).t"))
        XCTAssertNil(TableName("\"" + String(repeating: "表", count: 22) + "\""), "22 × 3 bytes = 66")
        XCTAssertNil(TableName(String(repeating: "a", count: 100_000)))
    }

    func testAnOverlongNameIsEchoedShortened() {
        let result = TableListParser().parse(names: [String(repeating: "a", count: 100_000)])
        XCTAssertThrowsError(try TableListFile.validated(result)) { error in
            guard case .tableList(.invalidNames(let shown, source: .request))? = error as? PipelineError else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(shown.count, 1)
            XCTAssertLessThan(shown[0].count, 100, "the whole name is not sent back")
        }
    }
}
