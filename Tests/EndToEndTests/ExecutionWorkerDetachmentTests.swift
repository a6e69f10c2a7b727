import Foundation
import XCTest

/// ARCHITECTURE.md §1 and STACK-NOTES "Child processes": the worker leads its own session, reads /dev/null, writes
/// to the task's log, holds no descriptor of dp-fcgi's (listening or request sockets), and dp-fcgi leaves no zombie.
final class ExecutionWorkerDetachmentTests: ExecutionTestCase {
    override class var fixtureStatements: [String] { DDLGenerationFixture.slowStatements() }

    func test_worker_leadsItsOwnSession_andInheritsNoDescriptorOfTheResponder() throws {
        let id = try createFixtureTask(tables: DDLGenerationFixture.slowTableList)
        try executeDDLStep(id)
        let worker = try waitForRunningWorker(id)
        let responder = try XCTUnwrap(responderPID(), "dp-fcgi pid file")
        let workerStat = try XCTUnwrap(ExecutionTestCase.procStat(worker), "/proc/\(worker)/stat")
        let responderStat = try XCTUnwrap(ExecutionTestCase.procStat(responder), "/proc/\(responder)/stat")

        XCTAssertEqual(workerStat.session, worker, "the worker leads its own session")
        XCTAssertEqual(workerStat.processGroup, worker, "the worker leads its own process group")
        XCTAssertNotEqual(workerStat.session, responderStat.session, "worker and dp-fcgi share a session")
        XCTAssertNotEqual(workerStat.parent, responder, "the worker is still dp-fcgi's child")

        let descriptors = ExecutionTestCase.descriptors(of: worker)
        let logPath = taskFileURL(id, "data_pipeline.log").resolvingSymlinksInPath().path
        XCTAssertEqual(descriptors[0], "/dev/null", "stdin")
        XCTAssertEqual(descriptors[1], logPath, "stdout")
        XCTAssertEqual(descriptors[2], logPath, "stderr")

        // Sockets and pipes are identified by inode: none may be one dp-fcgi holds too.
        let shared: (String) -> Bool = { $0.hasPrefix("socket:") || $0.hasPrefix("pipe:") }
        let responderHandles = Set(ExecutionTestCase.descriptors(of: responder).values.filter(shared))
        XCTAssertFalse(responderHandles.isEmpty, "could not read dp-fcgi's descriptors")
        let inherited = descriptors.filter { responderHandles.contains($0.value) }
        XCTAssertEqual(inherited.keys.sorted(), [], "descriptors shared with dp-fcgi: \(inherited)")
        let socketPath = stack.varDirectory.appendingPathComponent("fcgi/dp-fcgi.sock").path
        let listening = ExecutionWorkerDetachmentTests.unixSocketInodes(boundTo: socketPath)
        // Not every kernel lists the bound name in /proc/net/unix after the rename; the inode check above already
        // covers every socket dp-fcgi holds, this one names the listening socket when it can be found.
        for inode in listening {
            XCTAssertFalse(descriptors.values.contains("socket:[\(inode)]"), "the worker holds the FastCGI listening socket")
        }
        let responderLog = stack.varDirectory.appendingPathComponent("fcgi/dp-fcgi.log").resolvingSymlinksInPath().path
        XCTAssertFalse(descriptors.values.contains(responderLog), "the worker writes to dp-fcgi's log")
        print("worker \(worker) descriptors: \(descriptors.sorted { $0.key < $1.key }.map { "\($0.key)→\($0.value)" })")

        assertSuccess(try client.postJSON(taskPath(id, "/cancel"), [:]))
        try waitUntilFinished(id, timeout: 40)
        let zombies = ExecutionWorkerDetachmentTests.children(of: responder).filter { $0.state == "Z" }
        XCTAssertEqual(zombies.map(\.pid), [], "zombie children of dp-fcgi")
    }

    /// Inodes of unix sockets bound to `path` (`/proc/net/unix`: Num RefCount Protocol Flags Type St Inode Path).
    /// dp-fcgi binds `<path>.<pid>.new` and renames it over `path`; the kernel keeps the name it was bound to.
    static func unixSocketInodes(boundTo path: String) -> [String] {
        guard let table = try? String(contentsOfFile: "/proc/net/unix", encoding: .utf8) else { return [] }
        return table.split(separator: "\n").dropFirst().compactMap { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 8, fields[7] == path || (fields[7].hasPrefix(path + ".") && fields[7].hasSuffix(".new"))
            else { return nil }
            return String(fields[6])
        }
    }

    /// Processes whose parent is `pid`, with their state letter.
    static func children(of pid: Int32) -> [(pid: Int32, state: String)] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).compactMap { child in
            guard let stat = procStat(child), stat.parent == pid else { return nil }
            return (child, stat.state)
        }
    }
}
