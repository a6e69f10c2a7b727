import Foundation
import XCTest
@testable import PipelineCore

/// Which file-system failures are the storage's, and whether a retry can help.
final class StorageErrorTests: XCTestCase {
    func testPermissionAndReadOnlyFailuresCannotBeRetried() {
        let denied = StorageError(classifying: POSIXError(.EACCES), operation: "write")
        XCTAssertEqual(denied?.reason, .permissionDenied)
        XCTAssertEqual(denied?.canRetry, false)
        XCTAssertEqual(StorageError(classifying: POSIXError(.EPERM), operation: "write")?.reason, .permissionDenied)
        XCTAssertEqual(StorageError(classifying: POSIXError(.EROFS), operation: "write")?.reason, .readOnlyFileSystem)
        XCTAssertEqual(StorageError(classifying: POSIXError(.EROFS), operation: "write")?.canRetry, false)
    }

    func testAFullDiskCanBeRetriedLater() {
        XCTAssertEqual(StorageError(classifying: POSIXError(.ENOSPC), operation: "write")?.canRetry, true)
        XCTAssertEqual(StorageError(classifying: POSIXError(.EDQUOT), operation: "write")?.reason, .noSpace)
    }

    func testFoundationFileErrorsAreClassifiedByTheirUnderlyingErrno() {
        let wrapped = NSError(domain: NSCocoaErrorDomain, code: CocoaError.fileWriteUnknown.rawValue,
                              userInfo: [NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(EROFS))])
        XCTAssertEqual(StorageError(classifying: wrapped, operation: "write")?.reason, .readOnlyFileSystem)
        XCTAssertEqual(StorageError(classifying: CocoaError(.fileWriteNoPermission), operation: "write")?.reason, .permissionDenied)
        XCTAssertEqual(StorageError(classifying: CocoaError(.fileWriteOutOfSpace), operation: "write")?.reason, .noSpace)
    }

    func testOtherErrorsAreNotStorageFailures() {
        XCTAssertNil(StorageError(classifying: POSIXError(.ENOENT), operation: "read"))
        XCTAssertNil(StorageError(classifying: PipelineError.uploadBackupVersionsExhausted, operation: "write"))
    }

    func testTheDetailNamesThePathButOnlyForTheLog() {
        let error = StorageError(classifying: POSIXError(.EACCES), operation: "write /srv/tasks/t/a.txt")
        XCTAssertTrue(error?.description.contains("/srv/tasks/t/a.txt") ?? false)
    }

    func testATaskDirectoryReplacedByAFileFailsAsStorage() throws {
        let root = try TemporaryRoot()
        defer { root.remove() }
        let directory = TaskDirectory(root: root.url, taskID: TaskID("task_20260105_100001")!)
        try Data("x".utf8).write(to: directory.url)
        XCTAssertThrowsError(try directory.writeAtomically(Data("y".utf8), to: SafeFileName("a.txt")!)) {
            XCTAssertEqual(($0 as? StorageError)?.reason, .unusable(ENOTDIR))
        }
        XCTAssertThrowsError(try directory.checkWritable()) { XCTAssertTrue($0 is StorageError, "\($0)") }
    }
}
