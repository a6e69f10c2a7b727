import FastCGI
import Foundation
import XCTest

/// Kept-alive connections (`FCGI_KEEP_CONN`, nginx's `fastcgi_keep_conn on`): served in turn by any thread, holding
/// no thread while idle, and never closed by a stopping server while the web server may still send on them.
final class FastCGIKeepAliveTests: XCTestCase {
    func testKeptConnectionServesSeveralRequestsInTurn() throws {
        let server = try RunningServer(threads: 2)
        defer { server.stopAndWait() }
        let client = try FastCGITestClient(socketPath: server.path)
        for query in ["a=1", "a=2", "a=3"] {
            XCTAssertTrue(try client.get(query: query).hasSuffix("answer to \(query)"))
        }
    }

    func testIdleKeptConnectionsHoldNoThread() throws {
        let server = try RunningServer(threads: 2)
        defer { server.stopAndWait() }
        // Four kept connections on two threads; libfcgi alone would leave two threads reading the first two.
        let clients = try (0..<4).map { _ in try FastCGITestClient(socketPath: server.path, receiveTimeoutSeconds: 2) }
        for (index, client) in clients.enumerated() {
            XCTAssertTrue(try client.get(query: "first=\(index)").hasSuffix("answer to first=\(index)"))
        }
        let late = try FastCGITestClient(socketPath: server.path, receiveTimeoutSeconds: 2)
        XCTAssertTrue(try late.get(query: "late=1").hasSuffix("answer to late=1"))
        XCTAssertTrue(try clients[0].get(query: "again=0").hasSuffix("answer to again=0"))
    }

    func testBodyTheHandlerDidNotReadIsNotTakenForTheNextRequest() throws {
        let server = try RunningServer(threads: 2)
        defer { server.stopAndWait() }
        let client = try FastCGITestClient(socketPath: server.path)
        // The handler never reads the body (like a request refused before its body is looked at).
        let body = [UInt8](repeating: UInt8(ascii: "x"), count: 100_000)
        XCTAssertTrue(try client.get(query: "with=body", body: body).hasSuffix("answer to with=body"))
        XCTAssertTrue(try client.get(query: "next=1").hasSuffix("answer to next=1"))
    }

    func testConnectionWithoutKeepFlagIsClosedAfterItsAnswer() throws {
        let server = try RunningServer(threads: 2)
        defer { server.stopAndWait() }
        let client = try FastCGITestClient(socketPath: server.path)
        XCTAssertTrue(try client.get(query: "once=1", keepConnection: false).hasSuffix("answer to once=1"))
        XCTAssertTrue(client.isClosedByResponder())
    }

    func testStoppingServerServesKeptConnectionsUntilTheClientClosesThem() throws {
        let server = try RunningServer(threads: 2, drainSeconds: 30)
        var client: FastCGITestClient? = try FastCGITestClient(socketPath: server.path)
        _ = try client?.get(query: "before=1")
        server.stop()
        // nginx may be sending on a kept connection at any moment; each request still gets its answer, and the
        // connection stays open for the next one (closing it after an answer would drop a request sent meanwhile).
        XCTAssertTrue(try client?.get(query: "after=1").hasSuffix("answer to after=1") ?? false)
        XCTAssertTrue(try client?.get(query: "after=2").hasSuffix("answer to after=2") ?? false)
        XCTAssertThrowsError(try FastCGITestClient(socketPath: server.path), "a stopped server accepts no new connection")
        XCTAssertFalse(server.waitUntilFinished(seconds: 0.5), "run() returned while a kept connection was open")
        client = nil
        XCTAssertTrue(server.waitUntilFinished(seconds: 3), "run() did not return after the last kept connection closed")
    }

    func testStoppingServerClosesKeptConnectionsStillOpenAfterTheDrainTime() throws {
        let server = try RunningServer(threads: 2, drainSeconds: 0.5)
        let client = try FastCGITestClient(socketPath: server.path)
        _ = try client.get(query: "before=1")
        server.stop()
        XCTAssertTrue(server.waitUntilFinished(seconds: 3), "run() did not return after the drain time")
        XCTAssertTrue(client.isClosedByResponder())
    }
}

/// A `FastCGIServer` on a temporary socket, run on its own thread; every request is answered `answer to <query>`.
private final class RunningServer: @unchecked Sendable {
    let path: String
    private let server: FastCGIServer
    private let finished = DispatchSemaphore(value: 0)
    private var hasFinished = false

    init(threads: Int, drainSeconds: Double = FastCGIServer.defaultKeptConnectionDrainSeconds) throws {
        path = "/tmp/dp-fcgi-test-\(getpid())-\(UUID().uuidString.prefix(8)).sock"
        let server = FastCGIServer(listen: .unixSocket(path: path, mode: 0o600, backlog: 64), threadCount: threads,
                                   keptConnectionDrainSeconds: drainSeconds)
        self.server = server
        let finished = self.finished
        Thread.detachNewThread {
            do {
                try server.run {
                    { request in
                        request.writeHead(status: 200, headers: [("Content-Type", "text/plain")])
                        request.write("answer to " + (request.param("QUERY_STRING") ?? ""))
                    }
                }
            } catch {
                print("FastCGI test server failed: \(error)")
            }
            finished.signal()
        }
        let deadline = Date().addingTimeInterval(5)
        while !FileManager.default.fileExists(atPath: path) {
            guard Date() < deadline else { throw FastCGITestClient.Failure(description: "the server did not start") }
            usleep(10_000)
        }
    }

    func stop() {
        server.stop()
    }

    /// Whether `run()` returned within `seconds` (true for good once it has).
    func waitUntilFinished(seconds: Double) -> Bool {
        if hasFinished { return true }
        hasFinished = finished.wait(timeout: .now() + seconds) == .success
        return hasFinished
    }

    func stopAndWait() {
        stop()
        XCTAssertTrue(waitUntilFinished(seconds: 10), "run() did not return")
    }
}
