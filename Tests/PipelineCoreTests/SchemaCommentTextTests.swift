import XCTest
@testable import PipelineCore

final class SchemaCommentTextTests: XCTestCase {
    func testLineBreaksBecomeOneSpace() {
        XCTAssertEqual(CommentText.singleLine("甲 \r\n  乙\n\n丙\u{2028}丁"), "甲 乙 丙 丁")
    }

    func testTabsAndOtherControlCharactersBecomeSpaces() {
        XCTAssertEqual(CommentText.singleLine("a\tb\u{0}c"), "a b c")
    }

    func testSpacesAwayFromLineBreaksAreKept() {
        XCTAssertEqual(CommentText.singleLine("  a  b  "), "a  b")
    }

    func testLengthNotesAreRemovedInBothBracketStyles() {
        XCTAssertEqual(CommentText.clean("公司名称（15字）"), "公司名称")
        XCTAssertEqual(CommentText.clean("公司名称(15字)"), "公司名称")
        XCTAssertEqual(CommentText.clean("公司名称（ 8 字）以内"), "公司名称以内")
    }

    func testBlankCommentIsNil() {
        XCTAssertNil(CommentText.clean("\n \t"))
    }
}
