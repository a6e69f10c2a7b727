import XCTest
@testable import PipelineCore

final class SchemaChineseTableNameTests: XCTestCase {
    func testNameEndsAtTheFirstComma() {
        XCTAssertEqual(ChineseTableName.from(comment: "公司表，存储公司。信息"), "公司表")
    }

    func testNameEndsAtTheFirstFullStopWithoutComma() {
        XCTAssertEqual(ChineseTableName.from(comment: "公司表。存储公司"), "公司表")
    }

    func testCommentStartingWithTheSeparatorIsUsedWhole() {
        XCTAssertEqual(ChineseTableName.from(comment: "，公司表"), "，公司表")
    }

    func testBlankCommentHasNoName() {
        XCTAssertNil(ChineseTableName.from(comment: " \n "))
        XCTAssertNil(ChineseTableName.from(comment: nil))
    }

    func testLengthNoteOnlyCommentHasNoName() {
        XCTAssertNil(ChineseTableName.from(comment: "（20字）"))
    }
}
