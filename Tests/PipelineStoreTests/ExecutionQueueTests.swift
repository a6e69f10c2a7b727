import Foundation
import PipelineCore
import Postgres
import TestSupport
import XCTest
@testable import PipelineStore

/// Starts a real process per launch (`/bin/sh` appending the task and host to a file), so "started exactly one
/// worker" is counted in processes that ran, not in calls.
struct ShellLineLauncher: WorkerLauncher {
    let ledger: URL
    let host: String

    func launch(_ launch: WorkerLaunch) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "printf '%s %s\\n' \"$1\" \"$2\" >> \"$3\"", "sh", launch.executionID, host, ledger.path]
        try process.run()
        process.waitUntilExit()
    }
}

/// The work queue in PostgreSQL (issue 16): claims, capacity, places, cancel.
final class ExecutionQueueTests: XCTestCase {
    private var database: TestDatabase!
    private var sandbox: URL!

    override func setUpWithError() throws {
        database = try TestDatabase(prefix: "dp_queue")
        try MigrationRunner.migrate(database.connect())
        sandbox = FileManager.default.temporaryDirectory.appendingPathComponent("dp-queue-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: sandbox, withIntermediateDirectories: true)
    }

    override func tearDown() {
        if let sandbox { try? FileManager.default.removeItem(at: sandbox) }
        database?.drop()
    }

    private func newStore() -> PostgresTaskStore {
        PostgresTaskStore(session: PostgresSession(url: database.url), secrets: testSecrets)
    }

    private func newTask(_ store: PostgresTaskStore, at now: Date) throws -> TaskID {
        try store.createTask(NewTask(name: "队列", parameters: TaskParameters(
            dbConnection: "postgresql://u:S3cret@h:5432/highway_db", businessContext: "队列测试",
            tableListFile: TaskParameters.uploadModeTableListFile, fileUploadMode: true), dbName: "highway_db",
            createdBy: "guest"), now: now).id
    }

    private func queued(_ id: TaskID, _ suffix: String) -> QueuedExecution {
        QueuedExecution(taskID: id, executionID: "\(id.rawValue)_exec_\(suffix)", mode: .complete, step: nil,
                        vectorFlags: VectorFlags())
    }

    private func ledgerLines(_ ledger: URL) -> [String] {
        ((try? String(contentsOf: ledger, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    /// Two hosts (each its own connection, own host id, capacity 1) race for one queued execution, 100 times:
    /// exactly one worker process starts each time, on the host the task row names.
    func testTwoHostsRacingForOneQueuedExecutionStartExactlyOneWorker() throws {
        let ledger = sandbox.appendingPathComponent("launches.txt")
        let hosts = ["host-a", "host-b"]
        let dispatchers = hosts.map {
            ExecutionDispatcher(hostID: $0, capacity: 1, launcher: ShellLineLauncher(ledger: ledger, host: $0),
                                tasksRoot: sandbox.appendingPathComponent("tasks"))
        }
        let stores = hosts.map { _ in newStore() }
        let writer = newStore()
        var winners: [String: Int] = [:]
        for round in 0..<100 {
            let id = try newTask(writer, at: Date(timeIntervalSince1970: 1_751_449_200 + Double(round)))
            let execution = queued(id, "\(round)")
            XCTAssertTrue(try writer.enqueue(execution, now: Date()))
            let start = DispatchGroup()
            start.enter()
            let done = DispatchGroup()
            let results = ResultBox()
            for index in 0..<2 {
                let dispatcher = dispatchers[index]
                nonisolated(unsafe) let store = stores[index]
                done.enter()
                Thread {
                    start.wait()
                    do {
                        results.add(try dispatcher.dispatch(using: store).count)
                    } catch {
                        results.fail("\(error)")
                    }
                    done.leave()
                }.start()
            }
            start.leave()
            done.wait()
            XCTAssertEqual(results.errors, [], "round \(round)")
            XCTAssertEqual(results.total, 1, "round \(round): both hosts or neither claimed it")
            let lines = ledgerLines(ledger).filter { $0.hasPrefix(execution.executionID + " ") }
            XCTAssertEqual(lines.count, 1, "round \(round): worker processes started: \(lines)")
            let task = try XCTUnwrap(writer.task(id))
            let host = try XCTUnwrap(task.worker?.host)
            XCTAssertEqual(lines.first, "\(execution.executionID) \(host)")
            XCTAssertNil(try writer.place(of: id))
            winners[host, default: 0] += 1
            // The run ends, freeing the winner's one slot for the next round.
            XCTAssertTrue(try writer.failExecution(id, executionID: execution.executionID, ifHeartbeatAt: nil,
                                                   message: "done", now: Date()))
        }
        XCTAssertEqual(ledgerLines(ledger).count, 100)
        XCTAssertEqual(winners.values.reduce(0, +), 100)
    }

    /// Capacity is per host and counted in the database: with one slot busy, nothing more starts there; the queue
    /// answers places in order; the other host takes the oldest.
    func testCapacityPlacesAndOldestFirst() throws {
        let store = newStore()
        let ledger = sandbox.appendingPathComponent("launches.txt")
        let ids = try (0..<3).map { try newTask(store, at: Date(timeIntervalSince1970: 1_751_449_300 + Double($0))) }
        for (index, id) in ids.enumerated() {
            XCTAssertTrue(try store.enqueue(queued(id, "q\(index)"), now: Date().addingTimeInterval(Double(index))))
        }
        XCTAssertFalse(try store.enqueue(queued(ids[0], "again"), now: Date()), "a second execute of a queued task")
        let hostA = ExecutionDispatcher(hostID: "host-a", capacity: 1, launcher: ShellLineLauncher(ledger: ledger, host: "host-a"),
                                        tasksRoot: sandbox)
        let started = try hostA.dispatch(using: store)
        XCTAssertEqual(started.count, 1)
        XCTAssertEqual(try hostA.dispatch(using: store).count, 0, "host-a is full")
        XCTAssertEqual(try store.task(ids[0])?.worker?.host, "host-a", "the oldest starts first")
        XCTAssertEqual(try store.place(of: ids[1])?.position, 1)
        XCTAssertEqual(try store.place(of: ids[2])?.position, 2)
        let task1 = try XCTUnwrap(store.task(ids[1]))
        XCTAssertEqual(task1.status, .inProgress)
        XCTAssertNil(task1.worker?.heartbeatAt, "a queued execution has no heartbeat, so no liveness check fails it")
        XCTAssertEqual(try store.failStaleExecutions(heartbeatBefore: Date().addingTimeInterval(3600), message: "x", now: Date()),
                       1, "only the started one can go stale")
        let hostB = ExecutionDispatcher(hostID: "host-b", capacity: 5, launcher: ShellLineLauncher(ledger: ledger, host: "host-b"),
                                        tasksRoot: sandbox)
        XCTAssertEqual(try hostB.dispatch(using: store).count, 2)
        XCTAssertEqual(ledgerLines(ledger).count, 3)
    }

    /// Cancel takes a queued execution out of the queue and fails it as cancelled; a started one is not touched.
    func testCancelOfAQueuedExecution() throws {
        let store = newStore()
        let id = try newTask(store, at: Date(timeIntervalSince1970: 1_751_449_400))
        let execution = queued(id, "c")
        XCTAssertTrue(try store.enqueue(execution, now: Date()))
        XCTAssertEqual(try store.cancelQueued(id, message: ExecutionCancelled.message, now: Date()), execution.executionID)
        let task = try XCTUnwrap(store.task(id))
        XCTAssertEqual(task.status, .failed)
        XCTAssertEqual(task.errorMessage, ExecutionCancelled.message)
        XCTAssertNil(try store.place(of: id))
        XCTAssertNil(try store.cancelQueued(id, message: ExecutionCancelled.message, now: Date()))
        let dispatcher = ExecutionDispatcher(hostID: "host-a", capacity: 1,
                                             launcher: ShellLineLauncher(ledger: sandbox.appendingPathComponent("l"), host: "host-a"),
                                             tasksRoot: sandbox)
        XCTAssertEqual(try dispatcher.dispatch(using: store).count, 0, "nothing is left to start")
    }
}

extension ExecutionQueueTests {
    /// A host fails its own workers whose process is gone — or whose pid now runs something else — at once, and
    /// leaves a live one alone.
    func testOwnHostWorkersAreCheckedByProcess() throws {
        let store = newStore()
        let dispatcher = ExecutionDispatcher(hostID: "host-a", capacity: 3,
                                             launcher: ShellLineLauncher(ledger: sandbox.appendingPathComponent("l"), host: "host-a"),
                                             tasksRoot: sandbox)
        let ids = try (0..<3).map { try newTask(store, at: Date(timeIntervalSince1970: 1_751_449_500 + Double($0))) }
        let executions = ids.enumerated().map { queued($1, "p\($0)") }
        for execution in executions { XCTAssertTrue(try store.enqueue(execution, now: Date())) }
        XCTAssertEqual(try dispatcher.dispatch(using: store).count, 3)
        // A live worker (its arguments name its execution), an exited one, and a pid that runs something else.
        let live = Process()
        live.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        live.arguments = ["-c", "import time; time.sleep(30)", executions[0].executionID]
        try live.run()
        defer { live.terminate(); live.waitUntilExit() }
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        let pids = [live.processIdentifier, gone.processIdentifier, live.processIdentifier]
        for (execution, pid) in zip(executions, pids) {
            let recorder = PostgresExecutionRecorder(url: database.url, taskID: execution.taskID, executionID: execution.executionID)
            XCTAssertTrue(try recorder.register(pid: pid, host: "host-a", now: Date()))
        }
        XCTAssertEqual(try dispatcher.failVanishedWorkers(using: store).count, 2)
        XCTAssertEqual(try store.task(ids[0])?.status, .inProgress, "the live worker keeps its run")
        XCTAssertEqual(try store.task(ids[1])?.errorMessage, "执行进程已退出或失联（主机 host-a）")
        XCTAssertEqual(try store.task(ids[2])?.status, .failed, "a pid that runs another execution is not this worker")
        let other = ExecutionDispatcher(hostID: "host-b", capacity: 1,
                                        launcher: ShellLineLauncher(ledger: sandbox.appendingPathComponent("l"), host: "host-b"),
                                        tasksRoot: sandbox)
        XCTAssertEqual(try other.failVanishedWorkers(using: store).count, 0, "another host never judges by pid")
    }
}

/// Results of the racing threads.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [Int] = []
    private var failures: [String] = []

    func add(_ count: Int) { lock.lock(); counts.append(count); lock.unlock() }
    func fail(_ error: String) { lock.lock(); failures.append(error); lock.unlock() }
    var total: Int { lock.lock(); defer { lock.unlock() }; return counts.reduce(0, +) }
    var errors: [String] { lock.lock(); defer { lock.unlock() }; return failures }
}

extension ExecutionQueueTests {
    /// `DP_RETRY_LOST_EXECUTIONS`: a lost execution is queued again — new execution id, its running step pending, its
    /// finished step kept, its vector flags and the attempt on the queue row — until the limit; then it fails.
    func testALostExecutionIsRequeuedWithItsRequestUntilTheRetryLimitThenFails() throws {
        let store = newStore()
        let id = try newTask(store, at: Date(timeIntervalSince1970: 1_751_449_600))
        var execution = queued(id, "r")
        execution.vectorFlags = VectorFlags(backupVectorTables: true, truncateVectorTables: false, skipTraining: true)
        let started = Date(timeIntervalSince1970: 1_780_000_000)
        XCTAssertTrue(try store.enqueue(execution, now: started))
        XCTAssertEqual(try store.claimQueued(host: "host-a", capacity: 1, now: started).map(\.executionID), [execution.executionID])
        let connection = try database.connect()
        try connection.execute(PostgresQuery("""
            UPDATE data_pipeline_task_steps SET step_status = CASE step_name WHEN 'ddl_generation' THEN 'completed'
                WHEN 'qa_generation' THEN 'running' ELSE 'pending' END
            WHERE task_id = \(id.rawValue)
            """))
        let later = started.addingTimeInterval(60)
        XCTAssertEqual(try store.requeueStaleExecutions(heartbeatBefore: later, retryLimit: 0, now: later), 0, "off by default")
        XCTAssertFalse(try store.requeueLostExecution(id, executionID: execution.executionID,
                                                      ifHeartbeatAt: started.addingTimeInterval(-10), retryLimit: 1, now: later),
                       "a heartbeat newer than the one judged keeps the run")
        XCTAssertEqual(try store.requeueStaleExecutions(heartbeatBefore: later, retryLimit: 1, now: later), 1)

        let task = try XCTUnwrap(store.task(id))
        XCTAssertEqual(task.status, .inProgress)
        XCTAssertEqual(task.worker?.executionID, execution.executionID + "_r1")
        XCTAssertNil(task.worker?.host)
        XCTAssertEqual(task.steps.first { $0.name == .ddlGeneration }?.status, .completed)
        XCTAssertEqual(task.steps.first { $0.name == .qaGeneration }?.status, .pending)
        XCTAssertEqual(try store.place(of: id)?.position, 1)

        let resumed = try XCTUnwrap(store.claimQueued(host: "host-b", capacity: 1, now: later).first)
        XCTAssertEqual(resumed.executionID, execution.executionID + "_r1")
        XCTAssertEqual(resumed.resumeAttempt, 1)
        XCTAssertEqual(resumed.vectorFlags, execution.vectorFlags)
        XCTAssertEqual(Array(resumed.launch(logFile: sandbox).arguments.suffix(2)), ["--resume-attempt", "1"])
        XCTAssertEqual(try store.task(id)?.startedAt, started, "the run's start stays where it was")

        let evenLater = later.addingTimeInterval(60)
        XCTAssertEqual(try store.requeueStaleExecutions(heartbeatBefore: evenLater, retryLimit: 1, now: evenLater), 0,
                       "the limit is reached")
        XCTAssertEqual(try store.failStaleExecutions(heartbeatBefore: evenLater, message: WorkerLiveness.lostMessage, now: evenLater), 1)
        XCTAssertEqual(try store.task(id)?.status, .failed)
        XCTAssertTrue(try store.enqueue(queued(id, "fresh"), now: evenLater))
        XCTAssertEqual(try store.claimQueued(host: "host-a", capacity: 1, now: evenLater).first?.resumeAttempt, 0,
                       "a new execute starts with its retries at zero")
    }
}
