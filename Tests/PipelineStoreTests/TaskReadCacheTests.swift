import Foundation
import PipelineCore
import Postgres
import TestSupport
import XCTest
@testable import PipelineStore

/// The status cache must never serve a value older than the change notifications say.
final class TaskReadCacheTests: XCTestCase {
    private var database: TestDatabase!

    override func setUpWithError() throws {
        database = try TestDatabase(prefix: "dp_cache")
        try MigrationRunner.migrate(database.connect())
    }

    override func tearDown() {
        database?.drop()
    }

    private func newTask() -> NewTask {
        NewTask(name: "cache", parameters: TaskParameters(dbConnection: "postgresql://u@h/db", businessContext: "x",
                                                          tableListFile: TaskParameters.uploadModeTableListFile,
                                                          fileUploadMode: true), dbName: "db", createdBy: "guest")
    }

    private func waitUntil(_ seconds: Double = 5, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return false
    }

    func testCacheServesNothingUntilAListenerIsConnected() throws {
        let cache = TaskReadCache()
        let store = CachingTaskStore(inner: PostgresTaskStore(session: PostgresSession(url: database.url), secrets: testSecrets), cache: cache)
        let id = try store.createTask(newTask(), now: Date()).id
        _ = try store.task(id)
        XCTAssertNil(cache.task(id, now: Date()), "a disabled cache stores nothing")
    }

    func testAChangeByAnotherProcessReachesTheCacheThroughNotifications() throws {
        let cache = TaskReadCache()
        TaskChangeListener(url: database.url, cache: cache).start()
        XCTAssertTrue(waitUntil { cache.isEnabled }, "listener connects")
        let store = CachingTaskStore(inner: PostgresTaskStore(session: PostgresSession(url: database.url), secrets: testSecrets), cache: cache)
        let id = try store.createTask(newTask(), now: Date()).id
        // The create's own notification arrives asynchronously and may drop the first cached read: read until cached.
        XCTAssertTrue(try waitUntil(2) { try store.task(id)?.status == .pending && cache.task(id, now: Date()) != nil },
                      "the read is cached")
        // Another process (a worker) changes the task behind the store's back.
        try database.connect().execute(PostgresQuery(
            "UPDATE data_pipeline_tasks SET status = 'failed' WHERE task_id = $1", [id.rawValue]))
        XCTAssertTrue(try waitUntil(2) { try store.task(id)?.status == .failed }, "the notification invalidated the entry")
    }

    func testStepChangesInvalidateTheTaskToo() throws {
        let cache = TaskReadCache()
        TaskChangeListener(url: database.url, cache: cache).start()
        XCTAssertTrue(waitUntil { cache.isEnabled })
        let store = CachingTaskStore(inner: PostgresTaskStore(session: PostgresSession(url: database.url), secrets: testSecrets), cache: cache)
        let id = try store.createTask(newTask(), now: Date()).id
        _ = try store.task(id)
        try database.connect().execute(PostgresQuery("""
            UPDATE data_pipeline_task_steps SET step_status = 'running' WHERE task_id = $1 AND step_name = 'ddl_generation'
            """, [id.rawValue]))
        XCTAssertTrue(try waitUntil(2) { try store.task(id)?.currentStep?.name == .ddlGeneration })
    }

    func testAReadThatRacedWithAnInvalidationIsNotStored() throws {
        let cache = TaskReadCache()
        cache.setEnabled(true)
        let task = PipelineTask(id: TaskID("task_1")!, name: nil, status: .pending,
                                parameters: newTask().parameters, dbName: nil, createdBy: "guest", createdAt: Date(), steps: [])
        let generation = cache.currentGeneration()
        cache.invalidate(task.id)
        cache.admit(task, readAt: generation, now: Date())
        XCTAssertNil(cache.task(task.id, now: Date()))
    }

    func testListsAreInvalidatedByAnyTaskChange() throws {
        let cache = TaskReadCache()
        TaskChangeListener(url: database.url, cache: cache).start()
        XCTAssertTrue(waitUntil { cache.isEnabled })
        let store = CachingTaskStore(inner: PostgresTaskStore(session: PostgresSession(url: database.url), secrets: testSecrets), cache: cache)
        _ = try store.createTask(newTask(), now: Date())
        XCTAssertEqual(try store.listTasks(TaskListQuery()).total, 1)
        _ = try PostgresTaskStore(session: PostgresSession(url: database.url), secrets: testSecrets).createTask(newTask(), now: Date().addingTimeInterval(1))
        XCTAssertTrue(try waitUntil(2) { try store.listTasks(TaskListQuery()).total == 2 })
    }

    func testEntriesExpireAfterTheirMaximumAge() throws {
        let cache = TaskReadCache(maxAge: 1)
        cache.setEnabled(true)
        let task = PipelineTask(id: TaskID("task_2")!, name: nil, status: .pending, parameters: newTask().parameters,
                                dbName: nil, createdBy: "guest", createdAt: Date(), steps: [])
        let now = Date()
        cache.admit(task, readAt: cache.currentGeneration(), now: now)
        XCTAssertNotNil(cache.task(task.id, now: now.addingTimeInterval(0.5)))
        XCTAssertNil(cache.task(task.id, now: now.addingTimeInterval(1.5)))
    }
}
