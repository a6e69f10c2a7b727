import XCTest
@testable import PipelineCore

/// Issue 20, 8c: names that display as other names (bidi controls, invisible format characters) and NFC/NFD twins
/// of an existing file were accepted.
final class SafeFileNameLookAlikeTests: XCTestCase {
    func testRefusesBidiOverridesAndIsolates() {
        for scalar in ["\u{202E}", "\u{202A}", "\u{202D}", "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}", "\u{200E}",
                       "\u{200F}", "\u{061C}"] {
            XCTAssertNil(SafeFileName("invoice\(scalar)txt.sql"), "U+\(String(scalar.unicodeScalars.first!.value, radix: 16))")
        }
    }

    func testRefusesInvisibleFormatCharactersAndSeparators() {
        for scalar in ["\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{00AD}", "\u{2028}", "\u{2029}"] {
            XCTAssertNil(SafeFileName("a\(scalar)b.txt"), "U+\(String(scalar.unicodeScalars.first!.value, radix: 16))")
        }
    }

    func testStillAcceptsChineseAndAccentedNames() {
        XCTAssertNotNil(SafeFileName("门店评价_detail.md"))
        XCTAssertNotNil(SafeFileName("cafe\u{301}.txt"), "a decomposed name alone is fine")
    }

    func testAnNFDTwinOfAnExistingNFCFileIsRefused() throws {
        let root = try TemporaryRoot()
        defer { root.remove() }
        let directory = TaskDirectory(root: root.url, taskID: try XCTUnwrap(TaskID("task_20260105_100000")))
        try directory.create()
        let nfc = try XCTUnwrap(SafeFileName("caf\u{E9}.txt"))
        let nfd = try XCTUnwrap(SafeFileName("cafe\u{301}.txt"))
        let first = directory.url.appendingPathComponent(".upload-1.part")
        try Data("v1".utf8).write(to: first)
        _ = try directory.storeUpload(from: first, as: nfc, mode: .backup, now: Date())

        XCTAssertEqual(directory.lookAlike(of: nfd), nfc.rawValue)
        XCTAssertNil(directory.lookAlike(of: nfc), "the file itself is no twin")
        let twin = directory.url.appendingPathComponent(".upload-2.part")
        try Data("v2".utf8).write(to: twin)
        XCTAssertThrowsError(try directory.storeUpload(from: twin, as: nfd, mode: .replace, now: Date()))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter { !$0.hasPrefix(".") },
                       [nfc.rawValue], "the twin was not stored, its temporary file is gone")
    }
}
