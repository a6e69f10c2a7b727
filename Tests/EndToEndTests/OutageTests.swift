import Foundation
import XCTest

/// The state database stopped under a running stack: 503 JSON, then recovery without restarting the responder.
final class OutageTests: EndToEndTestCase {
    static let recoverySeconds: TimeInterval = 30

    func test_stateDatabaseDown_answers503_andResponderRecoversWhenItIsBack() throws {
        let id = try createTask()
        let control = StackControl(script: stack.stackScript, varDirectory: stack.varDirectory)
        let tasksBefore = FileTreeSnapshot(stack.tasksDirectory)
        try control.postgres("stop")
        var started = false
        defer { if !started { try? control.postgres("start") } }

        for path in [EndToEndTestCase.tasksPath, EndToEndTestCase.api + "/health", "/health", taskPath(id)] {
            let data = assertFailure(try client.get(path), status: 503, errorType: "service_unavailable", context: path)
            XCTAssertEqual(data["can_retry"], .bool(true), path)
        }
        let create = try client.postJSON(EndToEndTestCase.tasksPath,
                                         ["task_name": "e2e-during-outage", "db_connection": EndToEndTestCase.connectionWithPassword])
        assertFailure(create, status: 503, errorType: "service_unavailable", context: "create during the outage")
        XCTAssertEqual(FileTreeSnapshot(stack.tasksDirectory).added(since: tasksBefore), [],
                       "a task directory was created while the state database was down")

        try control.postgres("start")
        started = true
        let deadline = Date().addingTimeInterval(OutageTests.recoverySeconds)
        var last = try client.get(EndToEndTestCase.tasksPath)
        while last.status != 200, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.5)
            last = try client.get(EndToEndTestCase.tasksPath)
        }
        assertSuccess(last, response: "获取任务列表成功")
        let health = assertSuccess(try client.get(EndToEndTestCase.api + "/health"))
        XCTAssertEqual(health["status"]?.string, "ok")
        assertSuccess(try client.get(taskPath(id)), response: "获取任务状态成功")

        // Every responder thread had a connection that the restart broke: a burst reaches all of them.
        let client = self.client!
        let path = taskPath(id)
        final class Statuses: @unchecked Sendable {
            let lock = NSLock()
            var values: [Int] = []
            func add(_ value: Int) { lock.lock(); values.append(value); lock.unlock() }
        }
        let statuses = Statuses()
        DispatchQueue.concurrentPerform(iterations: 48) { _ in
            statuses.add((try? client.get(path).status) ?? -1)
        }
        XCTAssertEqual(statuses.values.filter { $0 != 200 }, [], "requests after recovery that did not succeed")
    }
}
