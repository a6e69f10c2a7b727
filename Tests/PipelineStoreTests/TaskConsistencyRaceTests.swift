import Foundation
import PipelineCore
import Postgres
import TestSupport
import XCTest
@testable import PipelineStore

/// Issue 21: each race replayed deterministically — the interleaving is forced (a paused reader, a write slipped in
/// between a check and an act, a connection killed after a commit), never waited for.
final class TaskConsistencyRaceTests: XCTestCase {
    private var database: TestDatabase!

    override func setUpWithError() throws {
        database = try TestDatabase(prefix: "dp_race")
        try MigrationRunner.migrate(database.connect())
    }

    override func tearDown() {
        database?.drop()
    }

    private func store(_ session: PostgresSession? = nil) -> PostgresTaskStore {
        PostgresTaskStore(session: session ?? PostgresSession(url: database.url), secrets: testSecrets)
    }

    private func newTask() -> NewTask {
        NewTask(name: "race", parameters: TaskParameters(dbConnection: "postgresql://u@h/db", businessContext: "x",
                                                         tableListFile: TaskParameters.uploadModeTableListFile,
                                                         fileUploadMode: true), dbName: "db", createdBy: "guest")
    }

    private func execute(_ sql: String, _ bindings: [(any PostgresBindable)?]) throws {
        try database.connect().execute(PostgresQuery(unsafeSQL: sql, bindings))
    }

    // MARK: versions

    func testEveryTaskOrStepChangeRaisesTheVersion() throws {
        let writer = store()
        let created = try writer.createTask(newTask(), now: Date())
        var last = created.version
        XCTAssertEqual(try writer.task(created.id)?.version, last)
        try execute("UPDATE data_pipeline_task_steps SET step_status = 'running' WHERE task_id = $1 AND step_name = 'ddl_generation'",
                    [created.id.rawValue])
        let afterStep = try XCTUnwrap(writer.task(created.id)).version
        XCTAssertGreaterThan(afterStep, last, "a step change raises the task's version")
        last = afterStep
        XCTAssertTrue(try writer.claim(created.id, executionID: "e1", mode: .complete, now: Date()))
        let afterClaim = try XCTUnwrap(writer.task(created.id)).version
        XCTAssertGreaterThan(afterClaim, last, "a task change raises it")
        XCTAssertEqual(try writer.listTasks(TaskListQuery()).tasks.first?.version, afterClaim, "lists carry it too")
    }

    // MARK: item 2 — an older read must not overwrite a newer one in the cache

    func testAReaderThatStartedEarlierCannotPutAnOlderVersionBackIntoTheCache() throws {
        let cache = TaskReadCache()
        cache.setEnabled(true)  // no listener: the notification of the change below is "still on its way"
        let id = try store().createTask(newTask(), now: Date()).id
        let fast = CachingTaskStore(inner: store(), cache: cache)
        let slowHasRead = DispatchSemaphore(value: 0)
        let mayStore = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        let url: String = database.url
        let slowThread = Thread {
            // The slow reader lives on its own thread (stores are thread-confined).
            let slow = CachingTaskStore(inner: PostgresTaskStore(session: PostgresSession(url: url), secrets: testSecrets),
                                        cache: cache)
            slow.afterDatabaseRead = { _ in
                slowHasRead.signal()
                mayStore.wait()
            }
            _ = try? slow.task(id)
            finished.signal()
        }
        slowThread.start()
        slowHasRead.wait()  // the slow reader holds the pending state, not yet stored
        try execute("UPDATE data_pipeline_tasks SET status = 'failed' WHERE task_id = $1", [id.rawValue])
        XCTAssertEqual(try fast.task(id)?.status, .failed, "a later reader reads and caches the newer state")
        mayStore.signal()
        finished.wait()
        XCTAssertEqual(try fast.task(id)?.status, .failed, "the earlier reader's older state did not replace it")
    }

    func testACachedTaskOlderThanAVersionAlreadyAnsweredIsNotServed() throws {
        let cache = TaskReadCache()
        cache.setEnabled(true)
        let id = try store().createTask(newTask(), now: Date()).id
        let reader = CachingTaskStore(inner: store(), cache: cache)
        XCTAssertEqual(try reader.task(id)?.status, .pending)  // cached
        try execute("UPDATE data_pipeline_tasks SET status = 'failed' WHERE task_id = $1", [id.rawValue])
        // A list read from the database answers the newer version before the notification arrives…
        XCTAssertEqual(try reader.listTasks(TaskListQuery()).tasks.first?.status, .failed)
        // …so the cached older version may not be answered any more.
        XCTAssertEqual(try reader.task(id)?.status, .failed)
    }

    // MARK: item 3 — delete against execute

    func testDeleteAndDirectoryMarkRefuseATaskClaimedAfterTheStatusWasRead() throws {
        let cache = TaskReadCache()
        cache.setEnabled(true)
        let deleter = CachingTaskStore(inner: store(), cache: cache)
        let id = try store().createTask(newTask(), now: Date()).id
        XCTAssertEqual(try deleter.task(id)?.status, .pending, "the deleter's check (served from its cache later)")
        XCTAssertTrue(try store().claim(id, executionID: "e1", mode: .complete, now: Date()), "an execute slips in")
        XCTAssertEqual(try deleter.task(id)?.status, .pending, "the deleter still believes the task idle")
        XCTAssertEqual(try deleter.markDirectoryDeleted(id, now: Date()), .running)
        XCTAssertEqual(try deleter.deleteTask(id), .running)
        let task = try XCTUnwrap(store().task(id))
        XCTAssertEqual(task.status, .inProgress)
        XCTAssertTrue(task.directoryExists)
    }

    // MARK: item 4 — liveness check-then-act

    func testALivenessVerdictDoesNotFailAWorkerWhoseHeartbeatArrivedAfterIt() throws {
        let responder = store()
        let id = try responder.createTask(newTask(), now: Date()).id
        let claimedAt = Date().addingTimeInterval(-120)
        XCTAssertTrue(try responder.claim(id, executionID: "e1", mode: .complete, now: claimedAt))
        let judged = try XCTUnwrap(responder.task(id)?.worker?.heartbeatAt)
        XCTAssertTrue(WorkerLiveness(timeoutSeconds: 30).isLost(try XCTUnwrap(responder.task(id)), now: Date()),
                      "the responder judges the worker lost")
        // The worker beats between the verdict and the write.
        let recorder = PostgresExecutionRecorder(url: database.url, taskID: id, executionID: "e1")
        XCTAssertTrue(try recorder.heartbeat(progress: nil, now: Date()))
        XCTAssertFalse(try responder.failExecution(id, executionID: "e1", ifHeartbeatAt: judged,
                                                   message: WorkerLiveness.lostMessage, now: Date()))
        XCTAssertEqual(try responder.task(id)?.status, .inProgress, "the live worker keeps its task")
        // Without a newer beat the verdict holds.
        let seen = try XCTUnwrap(responder.task(id)?.worker?.heartbeatAt)
        XCTAssertTrue(try responder.failExecution(id, executionID: "e1", ifHeartbeatAt: seen,
                                                  message: WorkerLiveness.lostMessage, now: Date()))
        XCTAssertEqual(try responder.task(id)?.status, .failed)
    }

    // MARK: item 6 — retries after an ambiguous connection failure

    /// A session whose next successful statement "loses its answer": the server ends the connection after the
    /// commit, so the caller sees a connection failure for a write that happened.
    private func sessionLosingTheNextAnswer() throws -> PostgresSession {
        let session = PostgresSession(url: database.url)
        _ = try session.withConnection(idempotent: true) { try $0.query(PostgresQuery("SELECT 1")) }  // not fresh
        session.afterFirstAttempt = { connection in
            _ = try connection.query(PostgresQuery("SELECT pg_terminate_backend(pg_backend_pid())"))
        }
        return session
    }

    func testAClaimRetriedAfterItsAnswerWasLostFindsItsOwnClaim() throws {
        let id = try store().createTask(newTask(), now: Date()).id
        let claimer = store(try sessionLosingTheNextAnswer())
        XCTAssertTrue(try claimer.claim(id, executionID: "e1", mode: .complete, now: Date()),
                      "the retry sees its own execution in place, not a 409")
        XCTAssertEqual(try store().task(id)?.worker?.executionID, "e1")
        XCTAssertFalse(try store().claim(id, executionID: "e2", mode: .complete, now: Date()), "another claim still loses")
    }

    func testACreateRetriedAfterItsAnswerWasLostCreatesOneTask() throws {
        let creator = store(try sessionLosingTheNextAnswer())
        let created = try creator.createTask(newTask(), now: Date())
        let rows = try database.connect().query(PostgresQuery("SELECT task_id FROM data_pipeline_tasks"))
        XCTAssertEqual(rows.count, 1, "no _2 task from the retry")
        XCTAssertEqual(try rows.first?.string("task_id"), created.id.rawValue)
    }

    func testARowDeleteIsNotRetriedAfterALostAnswer() throws {
        let id = try store().createTask(newTask(), now: Date()).id
        let deleter = store(try sessionLosingTheNextAnswer())
        XCTAssertThrowsError(try deleter.deleteTask(id), "a retry would answer 'not found' for a delete that happened") { error in
            XCTAssertEqual(error as? PipelineError, .stateStoreUnavailable)
        }
        XCTAssertNil(try store().task(id))
    }

    // MARK: item 5 — a listener that cannot prove its connection alive

    func testTheCacheStopsServingWhenTheListenerStopsRenewingItsLease() throws {
        let cache = TaskReadCache()
        cache.setEnabled(true)
        let now = Date()
        cache.renewLease(until: now.addingTimeInterval(3))
        let task = PipelineTask(id: TaskID("task_20250101_000000")!, name: nil, status: .pending,
                                parameters: newTask().parameters, dbName: nil, createdBy: "guest", createdAt: now, steps: [])
        cache.admit(task, readAt: cache.currentGeneration(), now: now)
        XCTAssertNotNil(cache.task(task.id, now: now.addingTimeInterval(2)))
        XCTAssertNil(cache.task(task.id, now: now.addingTimeInterval(4)), "a listener silent for longer than the lease")
    }

    func testAReplacedResponderRetiresItsCacheForGood() throws {
        let old = TaskReadCache()
        let oldListener = TaskChangeListener(url: database.url, cache: old, handoffGroup: "test-host /sock")
        oldListener.start()
        defer { oldListener.stop() }
        XCTAssertTrue(oldListener.awaitReady(timeout: 10))
        let new = TaskReadCache()
        let newListener = TaskChangeListener(url: database.url, cache: new, handoffGroup: "test-host /sock")
        newListener.start()
        defer { newListener.stop() }
        XCTAssertTrue(newListener.awaitReady(timeout: 10), "the old process acknowledged the handoff")
        XCTAssertTrue(old.isRetired, "the old process serves from the database only")
        XCTAssertFalse(new.isEnabled, "the new one waits for the old one's lock")
        oldListener.stop()  // the old process exits: its listening connection, and with it the lock, goes
        let deadline = Date().addingTimeInterval(15)
        while !new.isEnabled, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        XCTAssertTrue(new.isEnabled, "the new process serves from its cache once the old one is gone")
        XCTAssertFalse(old.isEnabled)
    }
}
