import XCTest
@testable import PipelineSteps

/// Documentation chunks of step 4, cut as the predecessor's loader cut them.
final class MarkdownSectionsTests: XCTestCase {
    func testSectionsStartAtHeadingsOfOneToThreeHashes_andTextBeforeTheFirstIsDropped() {
        let text = "前言\n## a（表A）\n字段列表：\n- id\n### 细节\n说明\n#### 不是新段落\n# b\n内容\n"
        XCTAssertEqual(MarkdownSections.split(text), ["## a（表A）\n字段列表：\n- id", "### 细节\n说明\n#### 不是新段落", "# b\n内容"])
    }

    func testAFileWithoutHeadingsIsOneSection_andAnEmptyOneIsNone() {
        XCTAssertEqual(MarkdownSections.split("只有正文\n第二行\r\n"), ["只有正文\n第二行"])
        XCTAssertEqual(MarkdownSections.split(" \n\n"), [])
    }

    func testHashWithoutTextIsNotAHeading() {
        XCTAssertFalse(MarkdownSections.isHeading("##"))
        XCTAssertFalse(MarkdownSections.isHeading("####x"))
        XCTAssertTrue(MarkdownSections.isHeading("#x"))
    }
}
