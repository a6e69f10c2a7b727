import Foundation
import PipelineCore
import XCTest

/// Issue 23: the log tail is served from a cache that parses only what was appended, and that reads the file
/// afresh after truncation or replacement. Every answer equals what reading the file itself gives.
final class LogTailCacheTests: XCTestCase {
    private var directory: URL!
    private var log: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("dp-logtail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        log = directory.appendingPathComponent("data_pipeline.log")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func line(_ n: Int, _ level: String = "INFO") -> String {
        "2026-01-05 10:00:\(String(format: "%02d", n % 60)) [\(level)] [ddl_generation] 第\(n)行\n"
    }

    private func write(_ text: String) throws { try Data(text.utf8).write(to: log) }

    private func append(_ text: String) throws {
        let handle = try FileHandle(forWritingTo: log)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    private func assertSameAsReadingTheFile(_ cache: LogTailCache, limit: Int, level: String? = nil,
                                            file: StaticString = #filePath, line: UInt = #line) throws {
        let cached = try cache.tail(of: log, limit: limit, level: level)
        let direct = try LogFileReader(url: log).tail(limit: limit, level: level)
        XCTAssertEqual(cached.entries, direct.entries, file: file, line: line)
        XCTAssertEqual(cached.hasMore, direct.hasMore, file: file, line: line)
    }

    func testAppendedLinesArePickedUpAndTheVersionChanges() throws {
        try write((1...5).map { line($0) }.joined())
        let cache = LogTailCache()
        let first = try cache.tail(of: log, limit: 3)
        XCTAssertEqual(first.entries.map(\.message), ["第3行", "第4行", "第5行"])
        XCTAssertTrue(first.hasMore)
        XCTAssertEqual(try cache.tail(of: log, limit: 3).version, first.version, "unchanged file, same version")

        try append(line(6) + "  续行\n" + line(7, "ERROR"))
        let second = try cache.tail(of: log, limit: 3)
        XCTAssertEqual(second.entries.map(\.message), ["第5行", "第6行\n  续行", "第7行"])
        XCTAssertNotEqual(second.version, first.version)
        try assertSameAsReadingTheFile(cache, limit: 3)
        try assertSameAsReadingTheFile(cache, limit: 100, level: "ERROR")
    }

    func testALineIsTakenOnceItIsComplete() throws {
        try write(line(1))
        let cache = LogTailCache()
        try append("2026-01-05 10:00:02 [INFO] [qa_generation] 写了一半")
        XCTAssertEqual(try cache.tail(of: log, limit: 10).entries.map(\.message), ["第1行"])
        try append("的行\n")
        XCTAssertEqual(try cache.tail(of: log, limit: 10).entries.map(\.message), ["第1行", "写了一半的行"])
    }

    func testTruncatedFileIsReadAfresh() throws {
        try write((1...50).map { line($0) }.joined())
        let cache = LogTailCache()
        _ = try cache.tail(of: log, limit: 10)
        let handle = try FileHandle(forWritingTo: log)
        try handle.truncate(atOffset: 0)
        try handle.close()
        try append(line(100, "WARNING"))
        XCTAssertEqual(try cache.tail(of: log, limit: 10).entries.map(\.message), ["第100行"])
        try assertSameAsReadingTheFile(cache, limit: 10)
    }

    func testTruncatedAndRewrittenPastTheOldLengthIsReadAfresh() throws {
        try write(line(1) + line(2))
        let cache = LogTailCache()
        _ = try cache.tail(of: log, limit: 10)
        // Same inode, now longer than before, but not an append: the byte before the old end is no newline.
        let handle = try FileHandle(forWritingTo: log)
        try handle.truncate(atOffset: 0)
        try handle.close()
        try append((10...14).map { line($0).replacingOccurrences(of: "\n", with: "X\n") }.joined())
        try assertSameAsReadingTheFile(cache, limit: 10)
        XCTAssertEqual(try cache.tail(of: log, limit: 10).entries.first?.message, "第10行X")
    }

    func testReplacedFileIsReadAfresh() throws {
        try write(line(1) + line(2) + line(3))
        let cache = LogTailCache()
        _ = try cache.tail(of: log, limit: 10)
        let replacement = directory.appendingPathComponent("new.log")
        try Data((20...24).map { line($0) }.joined().utf8).write(to: replacement)
        XCTAssertEqual(rename(replacement.path, log.path), 0, "rotated into place")
        XCTAssertEqual(try cache.tail(of: log, limit: 10).entries.map(\.message), (20...24).map { "第\($0)行" })
        try FileManager.default.removeItem(at: log)
        XCTAssertEqual(try cache.tail(of: log, limit: 10).entries, [], "a removed log is empty, not stale")
    }

    func testLevelFilterBeyondTheKeptWindowReadsTheFile() throws {
        let errors = (1...3).map { line($0, "ERROR") }.joined()
        try write(errors + (10..<(10 + LogTailCache.entriesPerFile + 200)).map { line($0) }.joined())
        let cache = LogTailCache()
        try assertSameAsReadingTheFile(cache, limit: 1_000)
        try assertSameAsReadingTheFile(cache, limit: 5, level: "ERROR")
        XCTAssertEqual(try cache.tail(of: log, limit: 5, level: "ERROR").entries.count, 3)
    }

    func testMemoryIsBoundedByFilesAndEntries() throws {
        let cache = LogTailCache(maxFiles: 2)
        for index in 0..<4 {
            let other = directory.appendingPathComponent("\(index).log")
            try Data((0..<(LogTailCache.entriesPerFile + 50)).map { line($0) }.joined().utf8).write(to: other)
            _ = try cache.tail(of: other, limit: 10)
        }
        let footprint = cache.footprint
        XCTAssertEqual(footprint.files, 2)
        XCTAssertLessThanOrEqual(footprint.entries, 2 * LogTailCache.entriesPerFile)
    }
}
