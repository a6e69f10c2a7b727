import XCTest
@testable import PipelineCore

final class SizeFormatterTests: XCTestCase {
    func testZeroHasNoDecimal() {
        XCTAssertEqual(SizeFormatter.format(Int64(0)), "0 B")
    }

    func testBytesHaveOneDecimal() {
        XCTAssertEqual(SizeFormatter.format(Int64(220)), "220.0 B")
    }

    func testOneByte() {
        XCTAssertEqual(SizeFormatter.format(Int64(1)), "1.0 B")
    }

    func test1023StaysBytes() {
        XCTAssertEqual(SizeFormatter.format(Int64(1023)), "1023.0 B")
    }

    func test1024IsOneKB() {
        XCTAssertEqual(SizeFormatter.format(Int64(1024)), "1.0 KB")
    }

    func testKilobytesRoundToOneDecimal() {
        XCTAssertEqual(SizeFormatter.format(Int64(104_960)), "102.5 KB")
    }

    func testTwoMiBIsTwoMB() {
        XCTAssertEqual(SizeFormatter.format(Int64(2 * 1024 * 1024)), "2.0 MB")
    }

    func testFiveGiBIsFiveGB() {
        XCTAssertEqual(SizeFormatter.format(Int64(5) * 1024 * 1024 * 1024), "5.0 GB")
    }

    func testVeryLargeSizeStaysInGB() {
        XCTAssertEqual(SizeFormatter.format(Int64(5) * 1024 * 1024 * 1024 * 1024), "5120.0 GB")
    }

    func testIntOverloadFormatsTheSame() {
        XCTAssertEqual(SizeFormatter.format(1536), "1.5 KB")
    }
}
