import Foundation
import TestSupport
import XCTest
@testable import PipelineAPI

/// A task directory the service cannot write to is the server's storage failing, not bad input and not a bug:
/// 507 `storage_unavailable` with `can_retry: false` and a Chinese text without server paths, on every route that
/// writes there (docs/api.md §1). Never a 500 with `can_retry: true`.
final class RouterStorageFailureTests: RouterTestCase {
    private var locks: [UnwritableDirectory] = []

    override func tearDown() {
        locks.forEach { $0.restore() }
        locks = []
        super.tearDown()
    }

    private func makeUnwritable(_ id: String) throws {
        let url = tasksRoot.appendingPathComponent(id, isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        guard let lock = UnwritableDirectory(url) else {
            throw XCTSkip("cannot make a directory unwritable here (no chattr +i as root, or a file system without it)")
        }
        locks.append(lock)
    }

    private func assertStorageFailure(_ response: HTTPResponse, file: StaticString = #filePath, line: UInt = #line) {
        assertError(response, 507, "storage_unavailable", file: file, line: line)
        XCTAssertEqual(data(response)["can_retry"] as? Bool, false, "retrying cannot help", file: file, line: line)
        let body = String(decoding: response.bodyBytes, as: UTF8.self)
        XCTAssertFalse(body.contains(sandbox.path) || body.contains("/tmp"), "a server path in \(body)", file: file, line: line)
    }

    private func tablesBody() -> String { #"{"tables":"public.bss_company,public.bss_service_area"}"# }

    func testUploadIntoAnUnwritableTaskDirectoryIsAStorageFailure() throws {
        let id = try createTask()
        try makeUnwritable(id)
        let response = sendMultipart("/api/v0/data_pipeline/tasks/\(id)/files",
                                     body: multipartBody(fileName: Array("a.ddl".utf8), content: Array("x".utf8)))
        assertStorageFailure(response)
    }

    func testTableListIntoAnUnwritableTaskDirectoryIsAStorageFailure() throws {
        let id = try createTask()
        try makeUnwritable(id)
        assertStorageFailure(send("POST", "/api/v0/data_pipeline/tasks/\(id)/table-list", json: tablesBody()))
        let upload = sendMultipart("/api/v0/data_pipeline/tasks/\(id)/upload-table-list",
                                   body: multipartBody(fileName: Array("tables.txt".utf8), content: Array("public.bss_company\n".utf8)))
        assertStorageFailure(upload)
    }

    func testExecuteWithAnUnwritableTaskDirectoryIsRefusedAndLeavesTheTaskUnclaimed() throws {
        let id = try createTask()
        XCTAssertEqual(send("POST", "/api/v0/data_pipeline/tasks/\(id)/table-list", json: tablesBody()).status, 200)
        try makeUnwritable(id)
        assertStorageFailure(send("POST", "/api/v0/data_pipeline/tasks/\(id)/execute", json: #"{"execution_mode":"complete"}"#))
        let status = send("GET", "/api/v0/data_pipeline/tasks/\(id)")
        XCTAssertEqual(data(status)["status"] as? String, "pending", "no worker was claimed for the refused execute")
    }

    /// Works for any user on any file system: a plain file holds the task directory's name.
    func testATaskDirectoryReplacedByAFileIsAStorageFailure() throws {
        let id = try createTask()
        let url = tasksRoot.appendingPathComponent(id, isDirectory: true)
        try? FileManager.default.removeItem(at: url)
        try Data("not a directory".utf8).write(to: url)
        assertStorageFailure(send("POST", "/api/v0/data_pipeline/tasks/\(id)/table-list", json: tablesBody()))
        assertStorageFailure(sendMultipart("/api/v0/data_pipeline/tasks/\(id)/files",
                                           body: multipartBody(fileName: Array("a.ddl".utf8), content: Array("x".utf8))))
    }
}
