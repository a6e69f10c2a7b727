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
            guard case .invalidInput(let text)? = error as? PipelineError else { return XCTFail("\(error)") }
            XCTAssertTrue(text.hasPrefix("包含无效的表名格式: "), text)
            XCTAssertLessThan(text.count, 120, "the whole name is not sent back")
        }
    }
}
