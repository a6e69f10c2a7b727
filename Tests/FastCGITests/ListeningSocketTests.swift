import Foundation
import Glibc
import XCTest
@testable import FastCGI

/// Issue 21 item 7: an exiting instance must not unlink a socket a newer instance has just renamed into place.
final class ListeningSocketTests: XCTestCase {
    func testAnExitingInstanceWaitsForAReplacementsRenameAndLeavesItsSocket() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dp-sock-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("s.sock").path
        let old = try ListeningSocket.open(.unixSocket(path: path, mode: 0o600, backlog: 4))

        // A replacement in the middle of its start: it holds the path's lock and is about to rename.
        let replacement = SocketPathLock(socketPath: path)
        let closed = DispatchSemaphore(value: 0)
        let oldBox = UncheckedBox(old)
        Thread { oldBox.value.close(); closed.signal() }.start()
        let newSocket = try ListeningSocket.open(.unixSocket(path: path + "2", mode: 0o600, backlog: 4))
        XCTAssertEqual(rename(path + "2", path), 0)
        replacement.release()
        closed.wait()

        var status = stat()
        XCTAssertEqual(stat(path, &status), 0, "the replacement's socket is still in place")
        withExtendedLifetime(newSocket) {}
    }
}

private final class UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
