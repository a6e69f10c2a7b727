import XCTest
@testable import PipelineCore

final class SafeFileNameTests: XCTestCase {
    func testAcceptsOrdinaryName() {
        XCTAssertEqual(SafeFileName("bss_company.ddl")?.rawValue, "bss_company.ddl")
    }

    func testRefusesEmpty() {
        XCTAssertNil(SafeFileName(""))
    }

    func testRefusesSlash() {
        XCTAssertNil(SafeFileName("a/b.txt"))
        XCTAssertNil(SafeFileName("/etc/passwd"))
    }

    func testRefusesBackslash() {
        XCTAssertNil(SafeFileName(#"..\a.txt"#))
    }

    func testRefusesNUL() {
        XCTAssertNil(SafeFileName("a\u{0}.txt"))
    }

    func testRefusesControlCharacterU0001() {
        XCTAssertNil(SafeFileName("a\u{01}.txt"))
    }

    func testRefusesControlCharacterU001F() {
        XCTAssertNil(SafeFileName("a\u{1F}.txt"))
    }

    func testRefusesDelete() {
        XCTAssertNil(SafeFileName("a\u{7F}.txt"))
    }

    func testRefusesNewlineAndTab() {
        XCTAssertNil(SafeFileName("a\n.txt"))
        XCTAssertNil(SafeFileName("a\t.txt"))
    }

    /// API.md §2 refuses "a control character"; U+0080–U+009F (C1, e.g. NEL) are control characters too.
    func testRefusesC1ControlCharacter() {
        XCTAssertNil(SafeFileName("a\u{85}.txt"))
        XCTAssertNil(SafeFileName("a\u{9B}.txt"))
    }

    func testRefusesDot() {
        XCTAssertNil(SafeFileName("."))
    }

    func testRefusesDotDot() {
        XCTAssertNil(SafeFileName(".."))
    }

    func testAccepts255Bytes() {
        XCTAssertNotNil(SafeFileName(String(repeating: "a", count: 255)))
    }

    func testRefuses256Bytes() {
        XCTAssertNil(SafeFileName(String(repeating: "a", count: 256)))
    }

    func testAccepts255BytesOfThreeByteCharacters() {
        let name = String(repeating: "表", count: 85)
        XCTAssertEqual(name.utf8.count, 255)
        XCTAssertNotNil(SafeFileName(name))
    }

    func testRefusesMultiByteNameOneByteOver255() {
        let name = String(repeating: "表", count: 85) + "a"
        XCTAssertEqual(name.utf8.count, 256)
        XCTAssertNil(SafeFileName(name))
    }

    func testRefusesCON() {
        XCTAssertNil(SafeFileName("CON"))
    }

    func testRefusesDeviceNameInLowerCaseWithExtension() {
        XCTAssertNil(SafeFileName("con.txt"))
    }

    func testRefusesMixedCaseCOM1WithExtension() {
        XCTAssertNil(SafeFileName("Com1.json"))
    }

    func testRefusesLPT9() {
        XCTAssertNil(SafeFileName("LPT9"))
    }

    func testRefusesDeviceNameWithSeveralExtensions() {
        XCTAssertNil(SafeFileName("nul.tar.gz"))
    }

    func testRefusesPRNAndAUX() {
        XCTAssertNil(SafeFileName("prn.md"))
        XCTAssertNil(SafeFileName("AUX"))
    }

    func testAcceptsCOM10() {
        XCTAssertEqual(SafeFileName("COM10.txt")?.rawValue, "COM10.txt")
    }

    func testAcceptsNameThatOnlyStartsWithDeviceName() {
        XCTAssertEqual(SafeFileName("console.log")?.rawValue, "console.log")
    }

    func testAcceptsDoubleDotInsideName() {
        XCTAssertEqual(SafeFileName("a..b.txt")?.rawValue, "a..b.txt")
    }

    func testAcceptsChineseName() {
        XCTAssertEqual(SafeFileName("表.md")?.rawValue, "表.md")
    }

    func testAcceptsPercentEncodedDotsLiterally() {
        XCTAssertEqual(SafeFileName("%2e%2e")?.rawValue, "%2e%2e")
    }

    func testLastExtensionIsLowerCasedLastPart() {
        XCTAssertEqual(safe("a.B.Json").lastExtension, "json")
    }

    func testLastExtensionOfMultiExtensionName() {
        XCTAssertEqual(safe("backup.tar.gz").lastExtension, "gz")
    }

    func testLastExtensionIsEmptyWithoutDot() {
        XCTAssertEqual(safe("Makefile").lastExtension, "")
    }

    func testLastExtensionIsEmptyForLeadingDotOnly() {
        XCTAssertEqual(safe(".bashrc").lastExtension, "")
    }

    func testLastExtensionIsEmptyForTrailingDot() {
        XCTAssertEqual(safe("a.").lastExtension, "")
    }
}
