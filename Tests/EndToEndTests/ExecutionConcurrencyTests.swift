import Foundation
import XCTest

/// ARCHITECTURE.md §1 / API.md §2.3: exactly one execution per task; two simultaneous `execute` calls start one
/// worker and answer the other 409 `任务正在执行中: <id>`.
final class ExecutionConcurrencyTests: ExecutionTestCase {
    override class var fixtureStatements: [String] { DDLGenerationFixture.slowStatements() }

    func test_twoSimultaneousExecutes_oneIs202AndTheOther409() throws {
        let id = try createFixtureTask(tables: DDLGenerationFixture.slowTableList)
        track(id)
        let client = self.client!
        let path = taskPath(id, "/execute")
        let body = JSONText.object(["execution_mode": "step", "step_name": "ddl_generation"])
        final class Answers: @unchecked Sendable {
            let lock = NSLock()
            var results: [Result<HTTPResult, Error>] = []
            func add(_ result: Result<HTTPResult, Error>) { lock.lock(); results.append(result); lock.unlock() }
        }
        let answers = Answers()
        let gate = DispatchGroup()
        let start = DispatchSemaphore(value: 0)
        for _ in 0..<2 {
            gate.enter()
            Thread.detachNewThread {
                start.wait()
                answers.add(Result { try client.sendJSON("POST", path, body) })
                gate.leave()
            }
        }
        start.signal()
        start.signal()
        gate.wait()

        let results = try answers.results.map { try $0.get() }
        XCTAssertEqual(results.map(\.status).sorted(), [202, 409], results.map { "\($0.status) \($0.printable)" }.description)
        if let accepted = results.first(where: { $0.status == 202 }) {
            assertSuccess(accepted, status: 202, response: "任务执行已启动")
        }
        if let refused = results.first(where: { $0.status == 409 }) {
            assertFailure(refused, status: 409, errorType: "conflict", response: "任务正在执行中: \(id)")
        }
        _ = try waitForRunningWorker(id)
        XCTAssertEqual(ExecutionConcurrencyTests.workerProcesses(of: id).count, 1,
                       "worker processes: \(ExecutionConcurrencyTests.workerProcesses(of: id))")
    }

    /// Live processes whose command line is `… dp-worker --task-id <id> …`.
    /// Workers of this stack's task `id`: task ids come from the clock, so another stack on the machine (a second
    /// checkout's tests) may run a worker for a task of the same id. A worker runs in its task directory, so its
    /// working directory tells the stacks apart.
    static func workerProcesses(of id: String) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        let tasksDirectory = ProcessInfo.processInfo.environment["DP_TEST_TASKS_DIR"].map {
            URL(fileURLWithPath: $0, isDirectory: true).standardizedFileURL.resolvingSymlinksInPath().path
        }
        return entries.compactMap(Int32.init).filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"), isRunning(pid) else { return false }
            if let tasksDirectory, let cwd = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/cwd"),
               !cwd.hasPrefix(tasksDirectory + "/") {
                return false
            }
            let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            guard let index = arguments.firstIndex(of: "--task-id"), index + 1 < arguments.count else { return false }
            return arguments[index + 1] == id && arguments.contains { $0.hasSuffix("dp-worker") }
                && !(arguments.first?.hasSuffix("setsid") ?? false)
        }
    }
}
