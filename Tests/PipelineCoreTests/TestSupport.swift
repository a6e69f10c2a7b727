import Foundation
import XCTest
@testable import PipelineCore

/// A fresh directory under `NSTemporaryDirectory()`, removed by `remove()` (call it from `tearDown`).
struct TemporaryRoot {
    let url: URL

    init() throws {
        url = URL(fileURLWithPath: NSTemporaryDirectory(), isDirectory: true)
            .appendingPathComponent("PipelineCoreTests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }

    /// A task directory `<root>/task_20260105_100001`, created.
    func taskDirectory(_ id: String = "task_20260105_100001") throws -> TaskDirectory {
        let directory = TaskDirectory(root: url, taskID: TaskID(id)!)
        try directory.create()
        return directory
    }
}

/// A date built from local wall-clock parts with `mktime` (the inverse of what `LocalTimestamp` formats with).
func localDate(_ year: Int32, _ month: Int32, _ day: Int32, _ hour: Int32 = 0, _ minute: Int32 = 0, _ second: Int32 = 0,
               fraction: Double = 0) -> Date {
    var parts = tm()
    parts.tm_year = year - 1900
    parts.tm_mon = month - 1
    parts.tm_mday = day
    parts.tm_hour = hour
    parts.tm_min = minute
    parts.tm_sec = second
    parts.tm_isdst = -1
    return Date(timeIntervalSince1970: Double(mktime(&parts)) + fraction)
}

/// The `SafeFileName` for a literal that is known to be safe.
func safe(_ name: String, file: StaticString = #filePath, line: UInt = #line) -> SafeFileName {
    guard let value = SafeFileName(name) else {
        XCTFail("not a safe file name: \(name)", file: file, line: line)
        return SafeFileName("invalid-fixture")!
    }
    return value
}

/// The `TaskID` for a literal that is known to be valid.
func taskID(_ text: String) -> TaskID { TaskID(text)! }
