import Foundation
import XCTest
@testable import PipelineCore

final class LocalTimestampTests: XCTestCase {
    func testIsoHas26CharactersWithMicroseconds() {
        let text = LocalTimestamp.iso(localDate(2026, 1, 5, 10, 0, 0, fraction: 0.123456))
        XCTAssertEqual(text, "2026-01-05T10:00:00.123456")
        XCTAssertEqual(text.count, 26)
        XCTAssertNotNil(text.range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$"#, options: .regularExpression))
    }

    func testIsoPadsEveryField() {
        XCTAssertEqual(LocalTimestamp.iso(localDate(2026, 1, 5, 3, 4, 5, fraction: 0.000007)), "2026-01-05T03:04:05.000007")
    }

    func testIsoRoundsToNearestMicrosecond() {
        XCTAssertEqual(LocalTimestamp.iso(localDate(2026, 1, 5, 10, 0, 0, fraction: 0.1234567)), "2026-01-05T10:00:00.123457")
    }

    func testIsoRoundingUpToAWholeSecondRollsOverTheSecond() {
        XCTAssertEqual(LocalTimestamp.iso(localDate(2026, 1, 5, 10, 0, 0, fraction: 0.9999999)), "2026-01-05T10:00:01.000000")
    }

    func testIsoRoundingUpRollsOverTheDay() {
        XCTAssertEqual(LocalTimestamp.iso(localDate(2025, 12, 31, 23, 59, 59, fraction: 0.9999999)), "2026-01-01T00:00:00.000000")
    }

    func testIsoOfYearsOutsideFourDigitsKeepsThePrintfSpelling() {
        XCTAssertEqual(LocalTimestamp.iso(localDate(12026, 1, 5, 10, 0, 0)), "12026-01-05T10:00:00.000000")
        XCTAssertEqual(LocalTimestamp.iso(localDate(-5, 1, 5, 10, 0, 0)), "-005-01-05T10:00:00.000000")
    }

    func testIsoOfYearOneAndYearNineThousandNineHundredNinetyNineIsPadded() {
        XCTAssertEqual(LocalTimestamp.iso(localDate(1, 2, 3, 4, 5, 6, fraction: 0.5)), "0001-02-03T04:05:06.500000")
        XCTAssertEqual(LocalTimestamp.iso(localDate(9999, 12, 31, 23, 59, 59)), "9999-12-31T23:59:59.000000")
    }

    func testLogTimeIsDateSpaceTime() {
        XCTAssertEqual(LocalTimestamp.logTime(localDate(2026, 1, 5, 10, 0, 1)), "2026-01-05 10:00:01")
    }

    func testLogTimeDropsFractionalSeconds() {
        XCTAssertEqual(LocalTimestamp.logTime(localDate(2026, 1, 5, 10, 0, 1, fraction: 0.6)), "2026-01-05 10:00:01")
    }

    func testCompactIsDateUnderscoreTime() {
        XCTAssertEqual(LocalTimestamp.compact(localDate(2026, 1, 5, 10, 0, 1)), "20260105_100001")
    }

    func testParsesDateOnlyAsLocalMidnight() {
        XCTAssertEqual(LocalTimestamp.parse("2026-01-05"), localDate(2026, 1, 5))
    }

    func testParsesDateSpaceTime() {
        XCTAssertEqual(LocalTimestamp.parse("2026-01-05 10:00:01"), localDate(2026, 1, 5, 10, 0, 1))
    }

    func testParsesDateTTime() {
        XCTAssertEqual(LocalTimestamp.parse("2026-01-05T10:00:01"), localDate(2026, 1, 5, 10, 0, 1))
    }

    func testParsesMicroseconds() throws {
        let date = try XCTUnwrap(LocalTimestamp.parse("2026-01-05T10:00:01.123456"))
        XCTAssertEqual(date.timeIntervalSince1970, localDate(2026, 1, 5, 10, 0, 1).timeIntervalSince1970 + 0.123456,
                       accuracy: 0.000001)
    }

    func testParsesShortFraction() throws {
        let date = try XCTUnwrap(LocalTimestamp.parse("2026-01-05T10:00:01.5"))
        XCTAssertEqual(date.timeIntervalSince1970, localDate(2026, 1, 5, 10, 0, 1).timeIntervalSince1970 + 0.5,
                       accuracy: 0.000001)
    }

    func testParseReadsBackIso() throws {
        let original = localDate(2026, 7, 2, 17, 40, 0, fraction: 0.25)
        let date = try XCTUnwrap(LocalTimestamp.parse(LocalTimestamp.iso(original)))
        XCTAssertEqual(date.timeIntervalSince1970, original.timeIntervalSince1970, accuracy: 0.000001)
    }

    func testParseRejectsMonth13() {
        XCTAssertNil(LocalTimestamp.parse("2026-13-01"))
    }

    func testParseRejectsMonth0() {
        XCTAssertNil(LocalTimestamp.parse("2026-00-10"))
    }

    func testParseRejectsDay0() {
        XCTAssertNil(LocalTimestamp.parse("2026-01-00"))
    }

    func testParseRejectsHour25() {
        XCTAssertNil(LocalTimestamp.parse("2026-01-01T25:00:00"))
    }

    func testParseRejectsMinute60() {
        XCTAssertNil(LocalTimestamp.parse("2026-01-01 10:60:00"))
    }

    /// mktime normalises 2026-02-30 to 2026-03-02; a filter date that does not exist should be refused, not moved.
    func testParseRejectsDayBeyondEndOfMonth() {
        XCTAssertNil(LocalTimestamp.parse("2026-02-30"))
    }

    func testParseRejectsGarbage() {
        XCTAssertNil(LocalTimestamp.parse("abc"))
    }

    func testParseRejectsEmpty() {
        XCTAssertNil(LocalTimestamp.parse(""))
    }

    func testParseRejectsTimeWithoutSeconds() {
        XCTAssertNil(LocalTimestamp.parse("2026-01-01 10:00"))
    }

    func testParseRejectsSevenFractionDigits() {
        XCTAssertNil(LocalTimestamp.parse("2026-01-01T10:00:00.1234567"))
    }

    func testParseRejectsTimeZoneSuffix() {
        XCTAssertNil(LocalTimestamp.parse("2026-01-01T10:00:00Z"))
    }

    func testParseRejectsSurroundingSpaces() {
        XCTAssertNil(LocalTimestamp.parse(" 2026-01-01"))
        XCTAssertNil(LocalTimestamp.parse("2026-01-01 "))
    }

    func testParseRejectsTrailingText() {
        XCTAssertNil(LocalTimestamp.parse("2026-01-01\nDROP"))
    }
}
