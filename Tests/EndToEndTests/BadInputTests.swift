import Foundation
import XCTest

/// Bad input never produces a 500 or a file outside the task directory (API.md §1–§2, the table in BadInputCases).
final class BadInputTests: EndToEndTestCase {
    /// Subtrees of the stack's state directory that change on their own: PostgreSQL's cluster and nginx's spool of
    /// request bodies (transient files nginx deletes itself).
    static let churningDirectories = ["pg", "nginx/tmp"]

    func test_badInput_isRefusedWith4xxJSONAndLeavesNoFileOutsideTheTaskDirectory() throws {
        let id = try createTask()
        let taskPrefix = stack.tasksDirectory.lastPathComponent + "/" + id + "/"
        let root = stack.tasksParent
        let before = FileTreeSnapshot(root, excluding: BadInputTests.churningDirectories)
        let cases = BadInputCases.all(task: id)

        for badInput in cases {
            let result = try raw.send(badInput.method, badInput.path, headers: badInput.headers, body: badInput.body)
            XCTAssertNotEqual(result.status, 500, "\(badInput.name): 500")
            assertFailure(result, status: badInput.status, errorType: badInput.errorType,
                          serviceTimestamp: !badInput.answeredByNginx, context: badInput.name)
        }

        let after = FileTreeSnapshot(root, excluding: BadInputTests.churningDirectories)
        let added = after.added(since: before)
        XCTAssertEqual(added.filter { !$0.hasPrefix(taskPrefix) }, [], "new files outside the task directory")
        XCTAssertEqual(added.filter { $0.hasPrefix(taskPrefix) }, [], "a refused request stored something")
        XCTAssertEqual(temporaryFiles(in: id), [], "temporary upload files left in the task directory")
        for escaped in escapeTargets() {
            XCTAssertFalse(FileManager.default.fileExists(atPath: escaped), "\(escaped) was written")
        }
        let files = assertSuccess(try client.get(taskPath(id, "/files")))
        XCTAssertEqual(files["files"], .array([]), "the task directory lists no file after refused uploads")
    }

    /// Where a file name of the table could land if it escaped the task directory.
    private func escapeTargets() -> [String] {
        let marker = BadInputCases.marker
        let directories = ["/", "/tmp", stack.tasksParent.path, stack.tasksDirectory.path,
                           stack.tasksParent.deletingLastPathComponent().path]
        let names = ["\(marker)-dotdot.txt", "\(marker)-dotdot2.txt", "\(marker)-abs.txt", "\(marker)-enc.txt",
                     "\(marker)-enc-abs.txt", "\(marker)-list.txt", "\(marker)-bs.txt", "\(marker)-path.txt"]
        return directories.flatMap { directory in names.map { URL(fileURLWithPath: directory).appendingPathComponent($0).path } }
    }
}
