import Foundation
import XCTest
@testable import PipelineCore

final class EnvironmentFileTests: XCTestCase {
    private var root: TemporaryRoot!

    override func setUpWithError() throws {
        root = try TemporaryRoot()
    }

    override func tearDown() {
        root.remove()
    }

    func testParsesKeyValueLines() {
        XCTAssertEqual(EnvironmentFile.parse("A=1\nB=two\n"), ["A": "1", "B": "two"])
    }

    func testSkipsHashAndSemicolonComments() {
        XCTAssertEqual(EnvironmentFile.parse("# comment\n  # indented\n; also\nA=1"), ["A": "1"])
    }

    func testSkipsBlankLines() {
        XCTAssertEqual(EnvironmentFile.parse("\n\nA=1\n   \n\nB=2\n"), ["A": "1", "B": "2"])
    }

    func testStripsDoubleQuotes() {
        XCTAssertEqual(EnvironmentFile.parse(#"A="hello world""#), ["A": "hello world"])
    }

    func testStripsSingleQuotes() {
        XCTAssertEqual(EnvironmentFile.parse("A='it is'"), ["A": "it is"])
    }

    func testKeepsUnmatchedQuote() {
        XCTAssertEqual(EnvironmentFile.parse(#"A="open"#), ["A": #""open"#])
    }

    func testAcceptsExportPrefix() {
        XCTAssertEqual(EnvironmentFile.parse("export DP_LOG_LEVEL=debug"), ["DP_LOG_LEVEL": "debug"])
    }

    func testKeepsEqualsSignsInValue() {
        XCTAssertEqual(EnvironmentFile.parse("DP_STATE_DATABASE_URL=postgresql://u:p@h/db?sslmode=require&a=b"),
                       ["DP_STATE_DATABASE_URL": "postgresql://u:p@h/db?sslmode=require&a=b"])
    }

    func testTrimsSpacesAroundKeyAndValue() {
        XCTAssertEqual(EnvironmentFile.parse("  A  =  1  "), ["A": "1"])
    }

    func testIgnoresLinesWithoutEquals() {
        XCTAssertEqual(EnvironmentFile.parse("garbage\nA=1"), ["A": "1"])
    }

    func testAcceptsCRLFLines() {
        XCTAssertEqual(EnvironmentFile.parse("A=1\r\nB=2\r\n"), ["A": "1", "B": "2"])
    }

    func testLaterLineWins() {
        XCTAssertEqual(EnvironmentFile.parse("A=1\nA=2"), ["A": "2"])
    }

    func testMergedEnvironmentWithoutEnvFileIsTheEnvironment() throws {
        XCTAssertEqual(try EnvironmentFile.mergedEnvironment(["A": "1"]), ["A": "1"])
    }

    func testMergedEnvironmentAddsFileValuesAndEnvironmentWins() throws {
        let file = root.url.appendingPathComponent("dp.env")
        try "A=from-file\nB=from-file\n".write(to: file, atomically: true, encoding: .utf8)
        let merged = try EnvironmentFile.mergedEnvironment(["DP_ENV_FILE": file.path, "A": "from-env"])
        XCTAssertEqual(merged, ["DP_ENV_FILE": file.path, "A": "from-env", "B": "from-file"])
    }

    func testUnreadableEnvFileIsConfigurationErrorNamingDPEnvFile() {
        let path = root.url.appendingPathComponent("missing.env").path
        XCTAssertThrowsError(try EnvironmentFile.mergedEnvironment(["DP_ENV_FILE": path])) { error in
            let configurationError = error as? ConfigurationError
            XCTAssertEqual(configurationError?.variable, "DP_ENV_FILE")
            XCTAssertEqual(configurationError?.problem, "cannot read \(path)")
        }
    }
}
