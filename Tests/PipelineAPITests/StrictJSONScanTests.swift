import XCTest
@testable import PipelineAPI

/// The strict-JSON pass before decoding (issue 20, 3 and 8b): duplicate keys and control characters, with API paths.
final class StrictJSONScanTests: XCTestCase {
    private func scan(_ text: String) -> StrictJSONScan.Finding? { StrictJSONScan.check(Array(text.utf8)) }

    func testCleanBodiesPass() {
        XCTAssertNil(scan(#"{"a":1,"b":{"a":2},"c":[{"a":3},{"a":4}],"d":"x\ty\nz\r\"}{,\\"}"#))
        XCTAssertNil(scan(#"{"text":"门店\u8bc4\u4ef7 \ud83d\ude00"}"#))
    }

    func testDuplicateKeysAreFoundWithTheirPath() {
        XCTAssertEqual(scan(#"{"task_name":"a","task_name":"b"}"#), .duplicateKey("task_name"))
        XCTAssertEqual(scan(#"{"page":1,"\u0070age":2}"#), .duplicateKey("page"), "keys compare unescaped")
        XCTAssertEqual(scan(#"{"data":[{"sql":"x"},{"sql":"x","sql":"y"}]}"#), .duplicateKey("data[1].sql"))
    }

    func testControlCharactersAreFoundEscapedOrRaw() {
        XCTAssertEqual(scan(#"{"task_name":"a\u0000b"}"#), .controlCharacter("task_name"))
        XCTAssertEqual(scan(#"{"x":{"y":["ok","\u001f"]}}"#), .controlCharacter("x.y[1]"))
        XCTAssertEqual(scan(#"{"k":"\b"}"#), .controlCharacter("k"))
        XCTAssertEqual(scan("{\"k\":\"a\u{1}\"}"), .controlCharacter("k"))
        XCTAssertEqual(scan(#"{"a\u0000":1}"#), .controlCharacter(#"a\u0000"#))
    }

    func testTrailingAndDoubledCommasAreFoundWithTheirContainer() {
        XCTAssertEqual(scan(#"{"task_name": "x",}"#), .strayComma(""))
        XCTAssertEqual(scan("{\"a\":1 ,\n }"), .strayComma(""), "whitespace before the brace")
        XCTAssertEqual(scan(#"{"data":[{"sql":"x"},]}"#), .strayComma("data"))
        XCTAssertEqual(scan(#"{"a":{"b":[1,,2]}}"#), .strayComma("a.b"))
        XCTAssertNil(scan(#"{"a":",}","b":[",]"]}"#), "commas inside strings are text")
    }

    func testNumbersAnIntCannotHoldAreFoundWithTheirPath() {
        XCTAssertNil(StrictJSONScan.firstInexactNumber(Array(#"{"page":-9223372036854775808,"a":[1,2]}"#.utf8)))
        XCTAssertEqual(StrictJSONScan.firstInexactNumber(Array(#"{"a":1,"page":1e30}"#.utf8)), "page")
        XCTAssertEqual(StrictJSONScan.firstInexactNumber(Array(#"{"x":[0,9223372036854775808]}"#.utf8)), "x[1]")
    }

    func testMalformedOrDeeplyNestedInputEndsWithoutAFindingOrACrash() {
        XCTAssertNil(scan(#"{"a":"unterminated"#))
        XCTAssertNil(scan(#"{"a":"\x"}"#))
        XCTAssertNil(scan("}}]]"))
        XCTAssertNil(scan(String(repeating: "[", count: 200_000)))
    }
}
