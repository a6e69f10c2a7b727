import Foundation
import XCTest
@testable import PipelineCore

final class TaskDirectoryTests: XCTestCase {
    private var root: TemporaryRoot!
    private let now = Date(timeIntervalSince1970: 1_767_582_245)

    override func setUpWithError() throws {
        root = try TemporaryRoot()
    }

    override func tearDown() {
        root.remove()
    }

    private func write(_ text: String, _ name: String, in directory: TaskDirectory, modified: Date? = nil) throws {
        let url = directory.url.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        if let modified {
            try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: url.path)
        }
    }

    private func contents(_ name: String, in directory: TaskDirectory) throws -> String {
        String(decoding: try Data(contentsOf: directory.url.appendingPathComponent(name)), as: UTF8.self)
    }

    private func entries(of directory: TaskDirectory) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.url.path).sorted()
    }

    /// An upload streamed into the task directory, as the files route does before `storeUpload`.
    private func upload(_ text: String, in directory: TaskDirectory) throws -> URL {
        let url = try directory.temporaryUploadDirectory()
            .appendingPathComponent("\(TaskDirectory.internalPrefix)\(UUID().uuidString).upload")
        try Data(text.utf8).write(to: url)
        return url
    }

    private func visibleEntries(of directory: TaskDirectory) throws -> [String] {
        try entries(of: directory).filter { !$0.hasPrefix(TaskDirectory.internalPrefix) }
    }

    // MARK: layout

    func testDirectoryIsRootSlashTaskID() {
        let directory = TaskDirectory(root: root.url, taskID: taskID("task_20260105_100001"))
        XCTAssertEqual(directory.url.path, root.url.appendingPathComponent("task_20260105_100001").path)
        XCTAssertFalse(directory.exists)
    }

    // MARK: writeAtomically

    func testWriteAtomicallyCreatesDirectoryAndFile() throws {
        let directory = TaskDirectory(root: root.url, taskID: taskID("task_20260105_100001"))
        try directory.writeAtomically(Data("hello".utf8), to: safe("a.txt"))
        XCTAssertTrue(directory.exists)
        XCTAssertEqual(try contents("a.txt", in: directory), "hello")
    }

    func testWriteAtomicallyLeavesNoTemporaryFiles() throws {
        let directory = try root.taskDirectory()
        try directory.writeAtomically(Data("one".utf8), to: safe("a.txt"))
        try directory.writeAtomically(Data("two".utf8), to: safe("a.txt"))
        XCTAssertEqual(try entries(of: directory), ["a.txt"])
    }

    func testWriteAtomicallyReplacesExistingFile() throws {
        let directory = try root.taskDirectory()
        try write("old content", "a.txt", in: directory)
        try directory.writeAtomically(Data("new".utf8), to: safe("a.txt"))
        XCTAssertEqual(try contents("a.txt", in: directory), "new")
    }

    // MARK: listing

    func testListFilesIsNewestFirst() throws {
        let directory = try root.taskDirectory()
        try write("1", "old.ddl", in: directory, modified: now.addingTimeInterval(-300))
        try write("22", "new.md", in: directory, modified: now)
        try write("333", "middle.json", in: directory, modified: now.addingTimeInterval(-60))
        XCTAssertEqual(directory.listFiles().map(\.name), ["new.md", "middle.json", "old.ddl"])
    }

    func testListFilesReportsSizeAndModificationTime() throws {
        let directory = try root.taskDirectory()
        try write("12345", "a.sql", in: directory, modified: now)
        let files = directory.listFiles()
        XCTAssertEqual(files.map(\.name), ["a.sql"])
        XCTAssertEqual(files.first?.size, 5)
        XCTAssertEqual(files.first?.modifiedAt.timeIntervalSince1970 ?? 0, now.timeIntervalSince1970, accuracy: 0.001)
        XCTAssertEqual(files.first?.isReadable, true)
    }

    func testListFilesHidesInternalFiles() throws {
        let directory = try root.taskDirectory()
        try write("x", "a.txt", in: directory)
        try write("", ".dp-upload.lock", in: directory)
        try write("partial", ".dp-1234.tmp", in: directory)
        XCTAssertEqual(directory.listFiles().map(\.name), ["a.txt"])
    }

    func testListFilesIgnoresSubdirectories() throws {
        let directory = try root.taskDirectory()
        try write("x", "a.txt", in: directory)
        try FileManager.default.createDirectory(at: directory.url.appendingPathComponent("file_bak_20260105_100001"),
                                                withIntermediateDirectories: false)
        XCTAssertEqual(directory.listFiles().map(\.name), ["a.txt"])
    }

    func testListFilesIgnoresSymlinks() throws {
        let directory = try root.taskDirectory()
        try write("x", "a.txt", in: directory)
        try FileManager.default.createSymbolicLink(atPath: directory.url.appendingPathComponent("passwd.txt").path,
                                                   withDestinationPath: "/etc/passwd")
        XCTAssertEqual(directory.listFiles().map(\.name), ["a.txt"])
    }

    func testListFilesOfMissingDirectoryIsEmpty() {
        XCTAssertEqual(TaskDirectory(root: root.url, taskID: taskID("task_missing")).listFiles(), [])
    }

    func testFileInfoOfRegularFile() throws {
        let directory = try root.taskDirectory()
        try write("abc", "a.txt", in: directory)
        let info = try XCTUnwrap(directory.fileInfo(safe("a.txt")))
        XCTAssertEqual(info.name, "a.txt")
        XCTAssertEqual(info.size, 3)
    }

    func testFileInfoOfMissingFileIsNil() throws {
        XCTAssertNil(try root.taskDirectory().fileInfo(safe("missing.txt")))
    }

    func testFileInfoOfSymlinkToEtcPasswdIsNil() throws {
        let directory = try root.taskDirectory()
        try FileManager.default.createSymbolicLink(atPath: directory.url.appendingPathComponent("passwd.txt").path,
                                                   withDestinationPath: "/etc/passwd")
        XCTAssertNil(directory.fileInfo(safe("passwd.txt")))
    }

    func testFileInfoOfDirectoryIsNil() throws {
        let directory = try root.taskDirectory()
        try FileManager.default.createDirectory(at: directory.url.appendingPathComponent("vector_bak"),
                                                withIntermediateDirectories: false)
        XCTAssertNil(directory.fileInfo(safe("vector_bak")))
    }

    // MARK: storeUpload

    func testStoreUploadWithoutExistingFileStoresIt() throws {
        let directory = try root.taskDirectory()
        let outcome = try directory.storeUpload(from: try upload("new!", in: directory), as: safe("x.txt"), mode: .backup, now: now)
        XCTAssertEqual(outcome, .stored(size: 4, backup: nil))
        XCTAssertEqual(try contents("x.txt", in: directory), "new!")
        XCTAssertEqual(try visibleEntries(of: directory), ["x.txt"])
    }

    func testSkipKeepsExistingFile() throws {
        let directory = try root.taskDirectory()
        try write("original", "x.txt", in: directory)
        _ = try directory.storeUpload(from: try upload("new", in: directory), as: safe("x.txt"), mode: .skip, now: now)
        XCTAssertEqual(try contents("x.txt", in: directory), "original")
    }

    func testSkipReturnsSkipped() throws {
        let directory = try root.taskDirectory()
        try write("original", "x.txt", in: directory)
        let outcome = try directory.storeUpload(from: try upload("new", in: directory), as: safe("x.txt"), mode: .skip, now: now)
        XCTAssertEqual(outcome, .skipped)
    }

    func testSkipRemovesTemporaryFile() throws {
        let directory = try root.taskDirectory()
        try write("original", "x.txt", in: directory)
        let temporary = try upload("new", in: directory)
        _ = try directory.storeUpload(from: temporary, as: safe("x.txt"), mode: .skip, now: now)
        XCTAssertFalse(FileManager.default.fileExists(atPath: temporary.path))
    }

    func testReplaceOverwritesWithoutBackup() throws {
        let directory = try root.taskDirectory()
        try write("original", "x.txt", in: directory)
        let temporary = try upload("replacement", in: directory)
        let outcome = try directory.storeUpload(from: temporary, as: safe("x.txt"), mode: .replace, now: now)
        XCTAssertEqual(outcome, .stored(size: 11, backup: nil))
        XCTAssertEqual(try contents("x.txt", in: directory), "replacement")
        XCTAssertEqual(try visibleEntries(of: directory), ["x.txt"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: temporary.path))
    }

    func testFirstBackupKeepsOldVersionAsBak1() throws {
        let directory = try root.taskDirectory()
        try write("v0", "x.txt", in: directory)
        let outcome = try directory.storeUpload(from: try upload("v1", in: directory), as: safe("x.txt"), mode: .backup, now: now)
        XCTAssertEqual(outcome, .stored(size: 2, backup: UploadBackup(fileName: "x.txt_bak1", version: 1, createdAt: now)))
        XCTAssertEqual(try contents("x.txt", in: directory), "v1")
        XCTAssertEqual(try contents("x.txt_bak1", in: directory), "v0")
    }

    func testSecondBackupIsBak2() throws {
        let directory = try root.taskDirectory()
        try write("v0", "x.txt", in: directory)
        _ = try directory.storeUpload(from: try upload("v1", in: directory), as: safe("x.txt"), mode: .backup, now: now)
        let outcome = try directory.storeUpload(from: try upload("v2", in: directory), as: safe("x.txt"), mode: .backup, now: now)
        XCTAssertEqual(outcome, .stored(size: 2, backup: UploadBackup(fileName: "x.txt_bak2", version: 2, createdAt: now)))
        XCTAssertEqual(try [contents("x.txt", in: directory), contents("x.txt_bak1", in: directory),
                            contents("x.txt_bak2", in: directory)], ["v2", "v0", "v1"])
    }

    func testBackupReusesSmallestFreeVersion() throws {
        let directory = try root.taskDirectory()
        try write("v0", "x.txt", in: directory)
        _ = try directory.storeUpload(from: try upload("v1", in: directory), as: safe("x.txt"), mode: .backup, now: now)
        _ = try directory.storeUpload(from: try upload("v2", in: directory), as: safe("x.txt"), mode: .backup, now: now)
        try FileManager.default.removeItem(at: directory.url.appendingPathComponent("x.txt_bak1"))
        let outcome = try directory.storeUpload(from: try upload("v3", in: directory), as: safe("x.txt"), mode: .backup, now: now)
        XCTAssertEqual(outcome, .stored(size: 2, backup: UploadBackup(fileName: "x.txt_bak1", version: 1, createdAt: now)))
        XCTAssertEqual(try contents("x.txt_bak1", in: directory), "v2")
    }

    func testBackupLeavesNoVisibleTemporaryFile() throws {
        let directory = try root.taskDirectory()
        try write("v0", "x.txt", in: directory)
        let temporary = try upload("v1", in: directory)
        _ = try directory.storeUpload(from: temporary, as: safe("x.txt"), mode: .backup, now: now)
        XCTAssertFalse(FileManager.default.fileExists(atPath: temporary.path))
        XCTAssertEqual(try visibleEntries(of: directory), ["x.txt", "x.txt_bak1"])
    }

    func testConcurrentBackupUploadsOfOneNameLoseNoVersion() throws {
        // Many rounds, each released through a start barrier, so the uploads really overlap even on 2 cores.
        for round in 0..<60 {
            let directory = try root.taskDirectory("task_concurrent_\(round)")
            try write("original", "x.txt", in: directory)
            let uploads = (0..<8).map { "upload \($0) of round \(round)" }
            let temporaries = try uploads.map { try upload($0, in: directory) }
            let failures = LockedList<String>()
            let versions = LockedList<Int>()
            let barrier = StartBarrier(parties: 8)
            let finished = DispatchGroup()
            for index in 0..<8 {
                let temporary = temporaries[index]
                finished.enter()
                // One real thread per upload (not concurrentPerform, which runs only as many threads as cores).
                Thread {
                    defer { finished.leave() }
                    barrier.arriveAndWait()
                    do {
                        let outcome = try directory.storeUpload(from: temporary, as: SafeFileName("x.txt")!,
                                                                mode: .backup, now: Date())
                        if case .stored(_, let backup?) = outcome { versions.append(backup.version) }
                    } catch {
                        failures.append("\(error)")
                    }
                }.start()
            }
            XCTAssertEqual(finished.wait(timeout: .now() + 30), .success, "round \(round)")
            XCTAssertEqual(failures.items, [], "round \(round)")
            XCTAssertEqual(versions.items.sorted(), Array(1...8), "round \(round)")
            let stored = try visibleEntries(of: directory)
            XCTAssertEqual(Set(stored), Set(["x.txt"] + (1...8).map { "x.txt_bak\($0)" }), "round \(round)")
            let storedContents = try stored.map { try contents($0, in: directory) }.sorted()
            XCTAssertEqual(storedContents, (["original"] + uploads).sorted(), "round \(round)")
        }
    }

    // MARK: removeAll

    func testRemoveAllCountsFilesAndBytes() throws {
        let directory = try root.taskDirectory()
        try write("abc", "a.ddl", in: directory)
        try write("12345", "b.md", in: directory)
        let backup = directory.url.appendingPathComponent("file_bak_20260105_100001")
        try FileManager.default.createDirectory(at: backup, withIntermediateDirectories: false)
        try Data("1234567".utf8).write(to: backup.appendingPathComponent("a.ddl"))
        let removed = try directory.removeAll()
        XCTAssertEqual(removed.files, 3)
        XCTAssertEqual(removed.bytes, 15)
    }

    func testRemoveAllRemovesTheDirectory() throws {
        let directory = try root.taskDirectory()
        try write("abc", "a.ddl", in: directory)
        _ = try directory.removeAll()
        XCTAssertFalse(directory.exists)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.url.path))
    }

    func testRemoveAllDoesNotFollowSymlinks() throws {
        let directory = try root.taskDirectory()
        try write("abc", "a.ddl", in: directory)
        try FileManager.default.createSymbolicLink(atPath: directory.url.appendingPathComponent("passwd.txt").path,
                                                   withDestinationPath: "/etc/passwd")
        let removed = try directory.removeAll()
        XCTAssertEqual(removed.files, 1)
        XCTAssertEqual(removed.bytes, 3)
        XCTAssertTrue(FileManager.default.fileExists(atPath: "/etc/passwd"))
    }
}

/// Holds threads until all `parties` have arrived, then releases them together.
final class StartBarrier: @unchecked Sendable {
    private let condition = NSCondition()
    private var waiting: Int

    init(parties: Int) {
        waiting = parties
    }

    func arriveAndWait() {
        condition.lock()
        waiting -= 1
        if waiting == 0 { condition.broadcast() }
        while waiting > 0 { condition.wait() }
        condition.unlock()
    }
}

/// A list several threads append to.
final class LockedList<Element: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Element] = []

    func append(_ element: Element) {
        lock.lock()
        storage.append(element)
        lock.unlock()
    }

    var items: [Element] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
