import XCTest
@testable import PipelineCore

final class TextDecodingTests: XCTestCase {
    /// `高速公路服务区` in GBK (as `iconv -f UTF-8 -t GBK` writes it).
    private let gbkBytes: [UInt8] = [0xB8, 0xDF, 0xCB, 0xD9, 0xB9, 0xAB, 0xC2, 0xB7, 0xB7, 0xFE, 0xCE, 0xF1, 0xC7, 0xF8]

    func testDecodesUTF8() {
        XCTAssertEqual(TextDecoding.utf8OrGBK(Array("bss_company\n高速公路服务区".utf8)), "bss_company\n高速公路服务区")
    }

    func testDropsUTF8ByteOrderMark() {
        XCTAssertEqual(TextDecoding.utf8OrGBK([0xEF, 0xBB, 0xBF] + Array("a,b".utf8)), "a,b")
    }

    func testDecodesGBK() {
        XCTAssertEqual(TextDecoding.utf8OrGBK(gbkBytes), "高速公路服务区")
    }

    func testDecodesGBKMixedWithASCIILines() {
        let bytes = Array("# ".utf8) + gbkBytes + Array("\npublic.t\n".utf8)
        XCTAssertEqual(TextDecoding.utf8OrGBK(bytes), "# 高速公路服务区\npublic.t\n")
    }

    func testDecodesEmptyInput() {
        XCTAssertEqual(TextDecoding.utf8OrGBK([]), "")
    }

    func testBytesInvalidInBothEncodingsGiveNil() {
        XCTAssertNil(TextDecoding.utf8OrGBK([0x61, 0xFF, 0x62]))
    }

    func testTruncatedGBKCharacterGivesNil() {
        XCTAssertNil(TextDecoding.utf8OrGBK(Array(gbkBytes.dropLast())))
    }
}
