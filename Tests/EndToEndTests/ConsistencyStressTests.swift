import Foundation
import XCTest

/// Issue 21, "Must show": pollers over concurrent executions while the responder is restarted three times
/// (`stack.sh restart-fcgi`: new instance on the same socket, then SIGTERM to the old one, which drains its
/// kept-alive connections) never see a task or step go backwards. Bounded: one short run, loopback only; the lag
/// behind the database is printed, never asserted.
final class ConsistencyStressTests: ExecutionTestCase {
    override class var fixtureStatements: [String] { DDLGenerationFixture.slowStatements() }

    static let executions = 8
    static let restarts = 3

    func test_pollersNeverSeeATaskGoBackwardsAcrossResponderRestarts() throws {
        let ids = try (0..<Self.executions).map { _ in try createFixtureTask(tables: DDLGenerationFixture.slowTableList) }
        let observations = PollObservations()
        let stop = StopFlag()
        var threads: [Thread] = []
        // One poller per task and two on the list, each a sequence of requests (a poller waits for its answer).
        for (index, id) in ids.enumerated() {
            threads.append(Thread { [client = client!] in
                while !stop.isSet { Self.pollStatus(client, id, poller: index, into: observations) }
            })
        }
        for index in 0..<2 {
            threads.append(Thread { [client = client!] in
                while !stop.isSet { Self.pollList(client, poller: 100 + index, into: observations) }
            })
        }
        let checker = Thread { [url = stateAdminURL] in
            while !stop.isSet {
                if let versions = try? Self.databaseVersions(ids, url: url) { observations.recordDatabase(versions, at: Date()) }
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        threads.forEach { $0.start() }
        checker.start()
        defer { stop.set() }

        for id in ids {
            try executeDDLStep(id)
            Thread.sleep(forTimeInterval: 0.2)  // staggered starts
        }
        var environment = ProcessInfo.processInfo.environment
        environment["DP_VAR_DIR"] = stack.varDirectory.path
        for _ in 0..<Self.restarts {
            Thread.sleep(forTimeInterval: 1)
            let output = try ProcessRunner.run("/bin/bash", [stack.stackScript, "restart-fcgi"], environment: environment)
            XCTAssertEqual(output.status, 0, "restart-fcgi: \(Redaction.redact(output.standardOutput + output.standardError))")
        }
        for id in ids { _ = try waitUntilFinished(id, timeout: 90) }
        Thread.sleep(forTimeInterval: 0.5)  // the pollers see the final states
        stop.set()
        Thread.sleep(forTimeInterval: 0.3)

        let lags = observations.lagsMilliseconds()
        func percentile(_ p: Double) -> String {
            lags.isEmpty ? "-" : String(format: "%.1f", lags[min(lags.count - 1, Int(Double(lags.count - 1) * p))])
        }
        print("""
            consistency stress: \(ids.count + 2) pollers (\(ids.count) on a task each, 2 on the list) over \(ids.count) \
            executions, \(Self.restarts) responder restarts, \(observations.answerCount) task views answered, \
            \(observations.regressions.count) regressions, \(observations.failures.count) failed polls; lag behind the \
            database (\(lags.count) versions): p50 \(percentile(0.5)) ms, max \(percentile(1)) ms
            """)
        XCTAssertEqual(observations.regressions, [], "a poller saw a task or step go backwards")
        XCTAssertGreaterThan(observations.answerCount, ids.count, "the pollers got answers")
        for failure in observations.failures.prefix(5) { print("failed poll: \(failure)") }
    }

    private static func pollStatus(_ client: HTTPTestClient, _ id: String, poller: Int, into observations: PollObservations) {
        guard let result = try? client.get(taskPath(id)), result.status == 200 else {
            observations.fail("status \(id)")
            return
        }
        let data = result.data
        guard let version = data["version"]?.int else { return observations.fail("status \(id): no version") }
        var steps: [String: Int] = [:]
        for (name, status) in data["step_status"]?.object ?? [:] { steps[name] = PollObservations.stepRank(status.string) }
        observations.record(poller: poller, route: "status", task: id,
                            seen: .init(version: version, statusRank: PollObservations.taskRank(data["status"]?.string),
                                        stepRanks: steps), at: Date())
    }

    private static func pollList(_ client: HTTPTestClient, poller: Int, into observations: PollObservations) {
        guard let result = try? client.get(tasksPath + "?limit=20"), result.status == 200 else {
            observations.fail("list")
            return
        }
        let now = Date()
        for item in result.data["tasks"]?.array ?? [] {
            guard let id = item["task_id"]?.string, let version = item["version"]?.int else { continue }
            observations.record(poller: poller, route: "list", task: id,
                                seen: .init(version: version, statusRank: PollObservations.taskRank(item["status"]?.string),
                                            stepRanks: [:]), at: now)
        }
    }

    private static func taskPath(_ id: String) -> String { tasksPath + "/" + id }

    /// The versions in the state database now (task ids are `[A-Za-z0-9_]` only, so the literals are safe).
    private static func databaseVersions(_ ids: [String], url: String) throws -> [String: Int] {
        let list = ids.map { "'\($0)'" }.joined(separator: ",")
        let sql = "SELECT string_agg(task_id || ':' || version, ' ') FROM data_pipeline_tasks WHERE task_id IN (\(list))"
        let output = try ProcessRunner.run(PostgresAdmin.psql, ["-X", "-At", "-d", url, "-c", sql])
        let text = output.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        var versions: [String: Int] = [:]
        for pair in text.split(separator: " ") {
            let parts = pair.split(separator: ":")
            if parts.count == 2, let version = Int(parts[1]) { versions[String(parts[0])] = version }
        }
        return versions
    }
}
