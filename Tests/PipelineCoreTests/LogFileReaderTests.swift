import Foundation
import XCTest
@testable import PipelineCore

final class LogFileReaderTests: XCTestCase {
    private var root: TemporaryRoot!

    override func setUpWithError() throws {
        root = try TemporaryRoot()
    }

    override func tearDown() {
        root.remove()
    }

    private func reader(_ text: String) throws -> LogFileReader {
        try reader(Data(text.utf8))
    }

    private func reader(_ data: Data) throws -> LogFileReader {
        let url = root.url.appendingPathComponent("data_pipeline.log")
        try data.write(to: url)
        return LogFileReader(url: url)
    }

    /// Entries without their line numbers (the tail does not know them).
    private func unnumbered(_ entries: [LogEntry]) -> [LogEntry] {
        entries.map { var entry = $0; entry.lineNumber = 0; return entry }
    }

    private let fiveEntries = """
    2026-01-05 10:00:01 [INFO] [ddl_generation] one
    2026-01-05 10:00:02 [ERROR] [ddl_generation] two
    2026-01-05 10:00:03 [INFO] [qa_generation] three
    2026-01-05 10:00:04 [ERROR] [qa_generation] four
    2026-01-05 10:00:05 [INFO] [sql_validation] five

    """

    func testIndentedContinuationLineJoinsPreviousEntry() throws {
        let entries = try reader("""
        2026-01-05 10:00:02 [ERROR] [sql_validation] SQL验证失败: column "x" does not exist
          SQL: SELECT x FROM t;
        2026-01-05 10:00:03 [INFO] [sql_validation] next

        """).allEntries()
        XCTAssertEqual(entries.map(\.message), ["SQL验证失败: column \"x\" does not exist\n  SQL: SELECT x FROM t;", "next"])
    }

    func testStackTraceBlockStaysOneEntry() throws {
        let entries = try reader("""
        2026-01-05 10:00:02 [ERROR] [qa_generation] 生成失败: boom
        Traceback (most recent call last):
          File "/app/qa.py", line 10, in run
            raise ValueError("bad: value")
        ValueError: bad: value
        2026-01-05 10:00:03 [INFO] [qa_generation] done

        """).allEntries()
        XCTAssertEqual(entries.count, 2)
        XCTAssertEqual(entries.first?.message, """
        生成失败: boom
        Traceback (most recent call last):
          File "/app/qa.py", line 10, in run
            raise ValueError("bad: value")
        ValueError: bad: value
        """)
    }

    func testLinesBeforeFirstEntryAreDropped() throws {
        let entries = try reader("stray line\n  indented stray\n2026-01-05 10:00:01 [INFO] [api] first\n").allEntries()
        XCTAssertEqual(entries, [LogEntry(timestamp: "2026-01-05 10:00:01", level: "INFO", logger: "api",
                                          message: "first", lineNumber: 3)])
    }

    func testAllEntriesNumberEachEntrysFirstLine() throws {
        let entries = try reader("""
        preface
        2026-01-05 10:00:01 [INFO] [api] a
        2026-01-05 10:00:02 [ERROR] [api] b
          more
          more
        2026-01-05 10:00:03 [INFO] [api] c
        """).allEntries()
        XCTAssertEqual(entries.map(\.lineNumber), [2, 3, 6])
    }

    func testAllEntriesReadsCRLFLines() throws {
        let entries = try reader("2026-01-05 10:00:01 [INFO] [api] one\r\n  more\r\n2026-01-05 10:00:02 [INFO] [api] two\r\n")
            .allEntries()
        XCTAssertEqual(entries.map(\.message), ["one\n  more", "two"])
        XCTAssertEqual(entries.map(\.lineNumber), [1, 3])
    }

    func testTailReadsCRLFLines() throws {
        let result = try reader("2026-01-05 10:00:01 [INFO] [api] one\r\n  more\r\n2026-01-05 10:00:02 [INFO] [api] two\r\n")
            .tail(limit: 10)
        XCTAssertEqual(result.entries.map(\.message), ["one\n  more", "two"])
    }

    func testTailReturnsNewestEntriesOldestFirst() throws {
        let result = try reader(fiveEntries).tail(limit: 2)
        XCTAssertEqual(result.entries.map(\.message), ["four", "five"])
        XCTAssertTrue(result.hasMore)
    }

    func testTailOfWholeFileHasNoMore() throws {
        let result = try reader(fiveEntries).tail(limit: 5)
        XCTAssertEqual(result.entries.map(\.message), ["one", "two", "three", "four", "five"])
        XCTAssertFalse(result.hasMore)
    }

    func testTailWithLimitAboveCountReturnsAll() throws {
        let result = try reader(fiveEntries).tail(limit: 100)
        XCTAssertEqual(result.entries.count, 5)
        XCTAssertFalse(result.hasMore)
    }

    func testTailWithZeroLimitIsEmpty() throws {
        let result = try reader(fiveEntries).tail(limit: 0)
        XCTAssertEqual(result.entries, [])
        XCTAssertFalse(result.hasMore)
    }

    func testTailFiltersByLevel() throws {
        let result = try reader(fiveEntries).tail(limit: 1, level: "ERROR")
        XCTAssertEqual(result.entries.map(\.message), ["four"])
        XCTAssertTrue(result.hasMore)
    }

    func testTailByLevelWithoutOlderMatchHasNoMore() throws {
        let result = try reader(fiveEntries).tail(limit: 2, level: "ERROR")
        XCTAssertEqual(result.entries.map(\.message), ["two", "four"])
        XCTAssertFalse(result.hasMore)
    }

    func testTailKeepsContinuationLines() throws {
        let result = try reader("""
        2026-01-05 10:00:01 [INFO] [api] a
        2026-01-05 10:00:02 [ERROR] [api] b
          line 1
          line 2
        2026-01-05 10:00:03 [INFO] [api] c
        """).tail(limit: 2)
        XCTAssertEqual(result.entries.map(\.message), ["b\n  line 1\n  line 2", "c"])
    }

    func testTailDropsLinesBeforeFirstEntry() throws {
        let result = try reader("stray\n2026-01-05 10:00:01 [INFO] [api] a\n").tail(limit: 10)
        XCTAssertEqual(result.entries.map(\.message), ["a"])
        XCTAssertFalse(result.hasMore)
    }

    func testMissingFileHasNoEntries() throws {
        let reader = LogFileReader(url: root.url.appendingPathComponent("missing.log"))
        XCTAssertEqual(try reader.allEntries(), [])
        let tail = try reader.tail(limit: 10)
        XCTAssertEqual(tail.entries, [])
        XCTAssertFalse(tail.hasMore)
    }

    func testEmptyFileHasNoEntries() throws {
        let reader = try reader("")
        XCTAssertEqual(try reader.allEntries(), [])
        XCTAssertEqual(try reader.tail(limit: 10).entries, [])
    }

    /// 50k entries of varying length, many multi-line, plus lines longer than a chunk, so entries and lines
    /// straddle the 64 KiB boundaries the tail reads backwards by.
    func testTailMatchesAllEntriesAcrossChunkBoundaries() throws {
        var generator = SplitMix(seed: 42)
        var text = "preface line without header\n"
        let levels = ["DEBUG", "INFO", "WARNING", "ERROR"]
        let loggers = ["ddl_generation", "qa_generation", "sql_validation", "training_load", "api"]
        for index in 0..<50_000 {
            let second = index % 60
            text += "2026-01-05 10:\(String(format: "%02d", (index / 60) % 60)):\(String(format: "%02d", second)) "
            text += "[\(levels[Int(generator.next() % 4)])] "
            if generator.next() % 10 != 0 { text += "[\(loggers[Int(generator.next() % 5)])] " }
            text += "entry \(index): " + String(repeating: "x", count: Int(generator.next() % 120)) + "\n"
            let continuation = Int(generator.next() % 8)
            if continuation >= 5 {
                for line in 0..<(continuation - 4) {
                    text += "  at frame \(line): " + String(repeating: "y", count: Int(generator.next() % 200)) + "\n"
                }
            }
            if index == 49_000 || index == 49_990 {
                text += "  " + String(repeating: "z", count: 150_000) + "\n"   // one line longer than two chunks
            }
        }
        XCTAssertGreaterThan(text.utf8.count, 40 * LogFileReader.chunkSize)
        let reader = try reader(text)
        let all = unnumbered(try reader.allEntries())
        XCTAssertEqual(all.count, 50_000)
        for limit in [1, 5, 11, 999, 2_000, 10_000, 49_999, 50_000, 60_000] {
            let tail = try reader.tail(limit: limit)
            let expected = Array(all.suffix(limit))
            XCTAssertEqual(tail.entries.count, expected.count, "limit \(limit)")
            let firstMismatch = zip(tail.entries, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            XCTAssertNil(firstMismatch, "limit \(limit): entry \(firstMismatch ?? -1) differs")
            XCTAssertEqual(tail.hasMore, limit < all.count, "limit \(limit)")
        }
    }

    /// A multi-byte character cut by a chunk boundary must be decoded whole, as `allEntries` does.
    func testTailKeepsMultiByteCharacterCutByChunkBoundary() throws {
        let head = "2026-01-05 10:00:01 [INFO] [ddl_generation] 开始处理表: " + String(repeating: "高速公路服务区", count: 6_000) + "\n"
        var data = Data()
        for padding in 0..<3 {
            let last = "2026-01-05 10:00:02 [INFO] [ddl_generation] done" + String(repeating: "!", count: padding) + "\n"
            data = Data((head + last).utf8)
            let boundary = data.count - LogFileReader.chunkSize
            if (0x80...0xBF).contains(data[boundary]) { break }   // the boundary falls inside a character
        }
        XCTAssertTrue((0x80...0xBF).contains(data[data.count - LogFileReader.chunkSize]), "fixture must cut a character")
        let reader = try reader(data)
        let all = unnumbered(try reader.allEntries())
        let tail = try reader.tail(limit: 2).entries
        XCTAssertEqual(all.first?.message.contains("\u{FFFD}"), false)
        XCTAssertEqual(tail.count, 2)
        let replacements = tail.first?.message.unicodeScalars.filter { $0 == "\u{FFFD}" }.count ?? -1
        XCTAssertEqual(replacements, 0, "U+FFFD in the tail's first message")
        XCTAssertTrue(tail == all, "tail(limit: 2) differs from allEntries()")
    }
}

/// A small deterministic generator so the large fixture is the same on every run.
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
