import Foundation
import XCTest

/// nginx reaches dp-fcgi over kept-alive FastCGI connections (nginx/dp-pipeline.server.conf.template): any number
/// of them is served by the responder's few threads, and a restart of the responder loses no request sent on one,
/// POSTs included (nginx does not retry those).
final class ResponderKeepAliveTests: EndToEndTestCase {
    /// Clients answered by status, and transport failures, collected from several threads.
    private final class Outcomes: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var statuses: [Int: Int] = [:]
        private(set) var failures: [String] = []

        func add(_ result: Result<HTTPResult, Error>) {
            lock.lock()
            defer { lock.unlock() }
            switch result {
            case .success(let answer):
                statuses[answer.status, default: 0] += 1
                if answer.status != 200 { failures.append("\(answer.status) \(answer.printable.prefix(200))") }
            case .failure(let error):
                failures.append("\(error)")
            }
        }
    }

    func test_manyMoreClientsThanResponderThreads_areAllServedPromptly() throws {
        let path = taskPath(try createTask())
        let baseURL = stack.baseURL
        let outcomes = Outcomes()
        let started = Date()
        // 48 clients at once against 8 responder threads: nginx opens and then keeps about as many connections.
        // Were a kept connection tied to the thread that served it (libfcgi's own keep-alive), requests on the other
        // connections would wait until nginx gives one up (measured: 9.5 s for this test instead of 0.3 s).
        startClients(48) {
            let client = HTTPTestClient(baseURL: baseURL)
            for _ in 0..<10 { outcomes.add(Result { try client.get(path) }) }
        }.wait()
        XCTAssertEqual(outcomes.failures, [])
        XCTAssertEqual(outcomes.statuses[200], 480)
        XCTAssertLessThan(Date().timeIntervalSince(started), 5, "480 status polls on 48 connections")
    }

    func test_postsDuringResponderRestart_allSucceed() throws {
        let baseURL = stack.baseURL
        let outcomes = Outcomes()
        let stop = StopFlag()
        let body = JSONText.object(["page": 1, "page_size": 5])
        let clients = startClients(16) {
            let client = HTTPTestClient(baseURL: baseURL)
            while !stop.isSet {
                outcomes.add(Result { try client.sendJSON("POST", EndToEndTestCase.tasksPath + "/query", body) })
            }
        }
        // Load first, so that nginx holds kept connections to the old responder when it is told to stop.
        Thread.sleep(forTimeInterval: 1)
        var environment = ProcessInfo.processInfo.environment
        environment["DP_VAR_DIR"] = stack.varDirectory.path
        let output = try ProcessRunner.run("/bin/bash", [stack.stackScript, "restart-fcgi"], environment: environment)
        Thread.sleep(forTimeInterval: 1)
        stop.set()
        clients.wait()
        XCTAssertEqual(output.status, 0, Redaction.redact(output.standardOutput + output.standardError))
        XCTAssertEqual(outcomes.failures, [], "requests that failed while the responder was replaced")
        XCTAssertGreaterThan(outcomes.statuses[200] ?? 0, 100, "the clients hardly sent anything during the restart")
    }

    /// Starts `body` on `count` threads at once; the group is done when all have returned.
    private func startClients(_ count: Int, _ body: @escaping @Sendable () -> Void) -> DispatchGroup {
        let done = DispatchGroup()
        for _ in 0..<count {
            done.enter()
            Thread.detachNewThread {
                body()
                done.leave()
            }
        }
        return done
    }
}
