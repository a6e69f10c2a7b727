import XCTest
@testable import PipelineCore

/// Issue 20, 1: `(page - 1) * pageSize` trapped on client-chosen numbers; the offset saturates instead.
final class PageWindowTests: XCTestCase {
    func testOffsetOfOrdinaryPages() {
        XCTAssertEqual(PageWindow(page: 1, pageSize: 20).offset, 0)
        XCTAssertEqual(PageWindow(page: 3, pageSize: 20).offset, 40)
    }

    func testOffsetSaturatesInsteadOfTrapping() {
        XCTAssertEqual(PageWindow(page: 1_000_000_000_000_000_000, pageSize: 500).offset, Int.max)
        XCTAssertEqual(PageWindow(page: Int.max, pageSize: Int.max).offset, Int.max)
    }

    func testValuesBelowOneAreRaisedToOne() {
        let window = PageWindow(page: Int.min, pageSize: -5)
        XCTAssertEqual(window.page, 1)
        XCTAssertEqual(window.pageSize, 1)
        XCTAssertEqual(window.offset, 0)
    }
}
