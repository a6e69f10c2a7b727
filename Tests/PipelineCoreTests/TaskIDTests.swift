import Foundation
import XCTest
@testable import PipelineCore

final class TaskIDTests: XCTestCase {
    private let shanghai = TimeZone(identifier: "Asia/Shanghai")!
    private let utc = TimeZone(identifier: "UTC")!

    /// 2025-07-02 09:40:00 UTC, 17:40:00 in Shanghai.
    private let julySecond = Date(timeIntervalSince1970: 1_751_449_200)

    func testAcceptsPredecessorTaskID() {
        XCTAssertEqual(TaskID("task_20250702_174000")?.rawValue, "task_20250702_174000")
    }

    func testAcceptsSameSecondSuffix() {
        XCTAssertEqual(TaskID("task_20250702_174000_2")?.rawValue, "task_20250702_174000_2")
    }

    func testAccepts64Characters() {
        let text = String(repeating: "a", count: 64)
        XCTAssertEqual(TaskID(text)?.rawValue, text)
    }

    func testRefusesDotDot() {
        XCTAssertNil(TaskID(".."))
    }

    func testRefusesParentPath() {
        XCTAssertNil(TaskID("../x"))
    }

    func testRefusesPercentEncodedDotDot() {
        XCTAssertNil(TaskID("%2E%2E"))
    }

    func testRefusesEmpty() {
        XCTAssertNil(TaskID(""))
    }

    func testRefuses65Characters() {
        XCTAssertNil(TaskID(String(repeating: "a", count: 65)))
    }

    func testRefusesNonASCIILetters() {
        XCTAssertNil(TaskID("task_门店"))
        XCTAssertNil(TaskID("tåsk"))
        XCTAssertNil(TaskID("task_２"))
    }

    func testRefusesSpaces() {
        XCTAssertNil(TaskID("task 1"))
        XCTAssertNil(TaskID(" task"))
        XCTAssertNil(TaskID("task\t"))
    }

    func testRefusesSlash() {
        XCTAssertNil(TaskID("/"))
        XCTAssertNil(TaskID("task/1"))
    }

    func testRefusesDotsAndDashes() {
        XCTAssertNil(TaskID("task.1"))
        XCTAssertNil(TaskID("task-1"))
    }

    func testDescriptionIsRawValue() {
        XCTAssertEqual(taskID("task_20250702_174000").description, "task_20250702_174000")
    }

    func testEncodesAsJSONString() throws {
        let data = try JSONEncoder().encode([taskID("task_20250702_174000")])
        XCTAssertEqual(String(decoding: data, as: UTF8.self), #"["task_20250702_174000"]"#)
    }

    func testDecodingRefusesInvalidID() {
        XCTAssertThrowsError(try JSONDecoder().decode([TaskID].self, from: Data(#"["..\/x"]"#.utf8)))
    }

    func testDecodesValidID() throws {
        let ids = try JSONDecoder().decode([TaskID].self, from: Data(#"["task_20250702_174000_3"]"#.utf8))
        XCTAssertEqual(ids, [taskID("task_20250702_174000_3")])
    }

    func testBaseFormatsDateInGivenTimeZone() {
        XCTAssertEqual(TaskID.base(for: julySecond, timeZone: shanghai), "task_20250702_174000")
        XCTAssertEqual(TaskID.base(for: julySecond, timeZone: utc), "task_20250702_094000")
    }

    func testBasePadsSingleDigitFields() {
        // 2026-01-05 03:04:05 UTC
        XCTAssertEqual(TaskID.base(for: Date(timeIntervalSince1970: 1_767_582_245), timeZone: utc), "task_20260105_030405")
    }

    func testBaseTruncatesFractionalSeconds() {
        XCTAssertEqual(TaskID.base(for: julySecond.addingTimeInterval(0.9), timeZone: utc), "task_20250702_094000")
    }

    func testBaseIsAValidTaskID() {
        XCTAssertNotNil(TaskID(TaskID.base(for: julySecond, timeZone: shanghai)))
    }

    func testCandidateFirstAttemptIsTheBase() {
        XCTAssertEqual(TaskID.candidate(base: "task_20250702_174000", attempt: 1).rawValue, "task_20250702_174000")
    }

    func testCandidateSecondAttemptAppends2() {
        XCTAssertEqual(TaskID.candidate(base: "task_20250702_174000", attempt: 2).rawValue, "task_20250702_174000_2")
    }

    func testCandidateThirdAttemptAppends3() {
        XCTAssertEqual(TaskID.candidate(base: "task_20250702_174000", attempt: 3).rawValue, "task_20250702_174000_3")
    }
}
