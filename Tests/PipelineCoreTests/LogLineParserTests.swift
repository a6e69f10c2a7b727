import XCTest
@testable import PipelineCore

final class LogLineParserTests: XCTestCase {
    func testParsesTimestampLevelLoggerAndMessage() {
        XCTAssertEqual(
            LogLineParser.parseHeader("2026-01-05 10:00:01 [INFO] [ddl_generation] 开始处理表"),
            LogEntry(timestamp: "2026-01-05 10:00:01", level: "INFO", logger: "ddl_generation", message: "开始处理表")
        )
    }

    /// Predecessor bug L1: the message was split on `:`.
    func testColonsInMessageStayInTheMessage() {
        let entry = LogLineParser.parseHeader(
            #"2026-01-05 10:00:02 [ERROR] [sql_validation] SQL验证失败: column "x" does not exist: a:b"#)
        XCTAssertEqual(entry?.message, #"SQL验证失败: column "x" does not exist: a:b"#)
        XCTAssertEqual(entry?.logger, "sql_validation")
    }

    func testLineWithoutLoggerBracketHasEmptyLogger() {
        XCTAssertEqual(
            LogLineParser.parseHeader("2026-01-05 10:00:01 [WARNING] 磁盘空间: 10%"),
            LogEntry(timestamp: "2026-01-05 10:00:01", level: "WARNING", logger: "", message: "磁盘空间: 10%")
        )
    }

    func testLevelIsUpperCased() {
        XCTAssertEqual(LogLineParser.parseHeader("2026-01-05 10:00:01 [info] [api] x")?.level, "INFO")
    }

    func testHeaderWithEmptyMessage() {
        XCTAssertEqual(LogLineParser.parseHeader("2026-01-05 10:00:01 [DEBUG] [api]")?.message, "")
    }

    func testIndentedLineIsNotAHeader() {
        XCTAssertNil(LogLineParser.parseHeader("  SQL: SELECT x FROM t;"))
    }

    func testLineWithoutLevelBracketIsNotAHeader() {
        XCTAssertNil(LogLineParser.parseHeader("2026-01-05 10:00:01 INFO message"))
    }

    func testIsoTimestampWithTIsNotAHeader() {
        XCTAssertNil(LogLineParser.parseHeader("2026-01-05T10:00:01 [INFO] [api] x"))
    }

    func testShortLineIsNotAHeader() {
        XCTAssertNil(LogLineParser.parseHeader("2026-01-05"))
    }

    func testStepIsDerivedFromLogger() {
        XCTAssertEqual(LogLineParser.parseHeader("2026-01-05 10:00:01 [INFO] [qa_generation] x")?.step, .qaGeneration)
        XCTAssertNil(LogLineParser.parseHeader("2026-01-05 10:00:01 [INFO] [api] x")?.step)
    }
}
