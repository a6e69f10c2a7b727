import Foundation
import XCTest

/// Base of the tests that start real runs (nginx → dp-fcgi → detached dp-worker → PostgreSQL): a fixture business
/// database per test class (created on first use, dropped in the class tearDown), tasks pointing at it, polling of
/// the status route, and looks at the worker process through `/proc`. After each test no worker of its tasks runs.
class ExecutionTestCase: EndToEndTestCase {
    /// The fixture SQL of this class (run once, in a fresh database `e2e_ddl_<random>`); empty → no database.
    class var fixtureStatements: [String] { [] }
    /// A SQL script (path relative to the repository root) run with `psql -f` after the statements; nil → none.
    class var fixtureScript: String? { nil }

    private(set) var admin: PostgresAdmin!
    /// Tasks this test executed, so tearDown can stop what is still running.
    private var executedTasks: [String] = []

    override func setUpWithError() throws {
        try super.setUpWithError()
        admin = PostgresAdmin(adminURL: stack.adminDatabaseURL)
    }

    override func tearDownWithError() throws {
        for id in executedTasks { stopIfRunning(id) }
        try super.tearDownWithError()
    }

    override class func tearDown() {
        if let database = FixtureDatabases.shared.remove(String(describing: self)),
           let environment = try? StackEnvironment.load() {
            let admin = PostgresAdmin(adminURL: environment.adminDatabaseURL)
            do {
                try admin.run(["DROP DATABASE IF EXISTS \(database) WITH (FORCE)"])
            } catch {
                print("warning: could not drop fixture database \(database): \(error)")
            }
        }
        super.tearDown()
    }

    // MARK: - Fixture database

    /// This class's fixture database (created with `fixtureStatements` on first use).
    func fixtureDatabase() throws -> String {
        let key = String(describing: type(of: self))
        return try FixtureDatabases.shared.database(for: key) {
            let name = "e2e_ddl_\(UUID().uuidString.prefix(8).lowercased())"
            let started = Date()
            try admin.run(["CREATE DATABASE \(name)"])
            do {
                try admin.run(type(of: self).fixtureStatements, database: name)
                if let script = type(of: self).fixtureScript {
                    try admin.runFile(EndToEndTestCase.repositoryRoot.appendingPathComponent(script).path, database: name)
                    try admin.run(["ANALYZE"], database: name)
                }
                try admin.grantRead(database: name)
            } catch {
                try? admin.run(["DROP DATABASE IF EXISTS \(name) WITH (FORCE)"])
                throw error
            }
            print("fixture database \(name) for \(key) created in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
            return name
        }
    }

    /// A URL the worker can use: role `dp` over TCP (password included) with the fixture's database.
    func fixtureURL() throws -> String {
        try StackEnvironment.businessURL(of: try fixtureDatabase())
    }

    /// A task on the fixture database with `tables` as its table list.
    func createFixtureTask(tables: [String], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let id = try createTask(["db_connection": try fixtureURL(), "business_context": "电商订单管理系统"],
                                file: file, line: line)
        assertSuccess(try client.postJSON(taskPath(id, "/table-list"), ["tables": tables]), file: file, line: line)
        return id
    }

    // MARK: - Execute and status

    func execute(_ id: String, _ fields: [String: Any]) throws -> HTTPResult {
        track(id)
        return try client.postJSON(taskPath(id, "/execute"), fields)
    }

    /// Marks a task whose run tearDown must stop if it is still going (for executes sent another way).
    func track(_ id: String) {
        if !executedTasks.contains(id) { executedTasks.append(id) }
    }

    /// Starts `ddl_generation` in step mode (202 asserted); returns the execution id.
    @discardableResult
    func executeDDLStep(_ id: String, file: StaticString = #filePath, line: UInt = #line) throws -> String? {
        let data = assertSuccess(try execute(id, ["execution_mode": "step", "step_name": "ddl_generation"]), status: 202,
                                 response: "任务执行已启动", file: file, line: line)
        return data["execution_id"]?.string
    }

    /// `data` of `GET …/tasks/{id}` (success asserted).
    func status(_ id: String, file: StaticString = #filePath, line: UInt = #line) throws -> JSON {
        assertSuccess(try client.get(taskPath(id)), response: "获取任务状态成功", file: file, line: line)
    }

    /// Polls the status until `done` holds; fails (and returns the last status) after `timeout` seconds.
    @discardableResult
    func waitForStatus(_ id: String, timeout: TimeInterval, _ what: String,
                       file: StaticString = #filePath, line: UInt = #line, until done: (JSON) -> Bool) throws -> JSON {
        let deadline = Date().addingTimeInterval(timeout)
        var last = JSON.null
        while true {
            let result = try client.get(taskPath(id))
            last = result.data
            if result.status == 200, done(last) { return last }
            if Date() > deadline {
                XCTFail("\(what): not reached within \(Int(timeout)) s; last status: \(result.printable.prefix(1500))",
                        file: file, line: line)
                return last
            }
            Thread.sleep(forTimeInterval: 0.25)
        }
    }

    /// Waits until the task is no longer `in_progress` (after an execute) and returns its status.
    @discardableResult
    func waitUntilFinished(_ id: String, timeout: TimeInterval = 60,
                           file: StaticString = #filePath, line: UInt = #line) throws -> JSON {
        try waitForStatus(id, timeout: timeout, "run of \(id) finished", file: file, line: line) {
            guard let status = $0["status"]?.string else { return false }
            return status != "in_progress" && status != "pending"
        }
    }

    /// The step entry of a status.
    func step(_ name: String, of status: JSON) -> JSON {
        status["steps"]?.array?.first { $0["step_name"]?.string == name } ?? .null
    }

    /// Waits until the worker registered its pid and the step is running; returns the worker's pid.
    func waitForRunningWorker(_ id: String, step name: String = "ddl_generation", timeout: TimeInterval = 20,
                              file: StaticString = #filePath, line: UInt = #line) throws -> Int32 {
        try waitForStatus(id, timeout: timeout, "\(name) running", file: file, line: line) {
            self.step(name, of: $0)["step_status"]?.string == "running"
        }
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let pid = try workerPID(id) { return pid }
            Thread.sleep(forTimeInterval: 0.2)
        }
        XCTFail("no worker_pid recorded for \(id) within \(Int(timeout)) s", file: file, line: line)
        throw HTTPTestClient.TransportError(request: "worker of \(id)", underlying: "no worker pid")
    }

    // MARK: - State database

    /// The state database, reached as the superuser over the unix socket (no password in argv).
    var stateAdminURL: String {
        let state = stack.stateDatabaseURL
        let path = state.split(separator: "?", maxSplits: 1).first.map(String.init) ?? state
        let database = path.split(separator: "/").last.map(String.init) ?? "dp_state"
        return StackEnvironment.replacingDatabase(in: stack.adminDatabaseURL, with: database)
    }

    /// One value (`psql -At`) of a query; nil for NULL or no row.
    func queryValue(_ sql: String, url: String) throws -> String? {
        let output = try ProcessRunner.run(PostgresAdmin.psql, ["-X", "-At", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql])
        guard output.status == 0 else {
            throw PostgresAdmin.Failure(description: "psql failed (exit \(output.status)): \(Redaction.redact(output.standardError))")
        }
        let text = output.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    /// `worker_pid` of the task's row (task ids are `[A-Za-z0-9_]` only, so the literal is safe).
    func workerPID(_ id: String) throws -> Int32? {
        try queryValue("SELECT worker_pid FROM data_pipeline_tasks WHERE task_id = '\(id)'", url: stateAdminURL)
            .flatMap { Int32($0) }
    }

    // MARK: - Task files

    func taskFileURL(_ id: String, _ name: String) -> URL {
        stack.taskDirectory(id).appendingPathComponent(name)
    }

    func taskFile(_ id: String, _ name: String) -> String? {
        FileManager.default.contents(atPath: taskFileURL(id, name).path).map { String(decoding: $0, as: UTF8.self) }
    }

    func taskFileNames(_ id: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: stack.taskDirectory(id).path)) ?? []).sorted()
    }

    func logText(_ id: String) -> String { taskFile(id, "data_pipeline.log") ?? "" }

    // MARK: - Processes

    /// dp-fcgi's pid from the stack's pid file; it changes with `restart-fcgi`.
    func responderPID() -> Int32? { stack.responderPID }

    /// Fields of `/proc/<pid>/stat` after the command name: state, ppid, pgrp, session.
    struct ProcStat {
        var state: String
        var parent: Int32
        var processGroup: Int32
        var session: Int32
    }

    static func procStat(_ pid: Int32) -> ProcStat? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ").map(String.init)
        guard fields.count > 3, let parent = Int32(fields[1]), let group = Int32(fields[2]), let session = Int32(fields[3])
        else { return nil }
        return ProcStat(state: fields[0], parent: parent, processGroup: group, session: session)
    }

    /// Where each open descriptor of a process points (`readlink /proc/<pid>/fd/<n>`), by descriptor number.
    static func descriptors(of pid: Int32) -> [Int: String] {
        let directory = "/proc/\(pid)/fd"
        var result: [Int: String] = [:]
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] {
            guard let number = Int(entry),
                  let target = try? FileManager.default.destinationOfSymbolicLink(atPath: directory + "/" + entry) else { continue }
            result[number] = target
        }
        return result
    }

    /// A live (not zombie) process.
    static func isRunning(_ pid: Int32) -> Bool {
        guard let stat = procStat(pid) else { return false }
        return stat.state != "Z" && stat.state != "X"
    }

    /// Cancels a task still running at the end of a test, then SIGKILLs its worker (a process the test started).
    private func stopIfRunning(_ id: String) {
        guard let result = try? client.get(taskPath(id)), result.data["status"]?.string == "in_progress" else { return }
        _ = try? client.postJSON(taskPath(id, "/cancel"), [:])
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if let now = try? client.get(taskPath(id)), now.data["status"]?.string != "in_progress" { return }
            Thread.sleep(forTimeInterval: 0.5)
        }
        if let pid = try? workerPID(id), pid > 1, ExecutionTestCase.isRunning(pid) {
            kill(pid, SIGKILL)
        }
    }
}

/// Fixture databases by test class, created once per class.
final class FixtureDatabases: @unchecked Sendable {
    static let shared = FixtureDatabases()
    private let lock = NSLock()
    private var databases: [String: String] = [:]

    func database(for key: String, create: () throws -> String) throws -> String {
        lock.lock()
        defer { lock.unlock() }
        if let existing = databases[key] { return existing }
        let name = try create()
        databases[key] = name
        return name
    }

    func remove(_ key: String) -> String? {
        lock.lock()
        defer { lock.unlock() }
        return databases.removeValue(forKey: key)
    }
}
