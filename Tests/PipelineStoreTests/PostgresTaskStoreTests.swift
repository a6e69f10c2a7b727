import Foundation
import PipelineCore
import Postgres
import TestSupport
import XCTest
@testable import PipelineStore

final class PostgresTaskStoreTests: XCTestCase {
    private var database: TestDatabase!
    private var store: PostgresTaskStore!

    override func setUpWithError() throws {
        database = try TestDatabase(prefix: "dp_store")
        try MigrationRunner.migrate(database.connect())
        store = PostgresTaskStore(session: PostgresSession(url: database.url), secrets: testSecrets)
    }

    override func tearDown() {
        store = nil
        database?.drop()
    }

    private func newTask(name: String? = "测试任务", dbName: String = "highway_db", createdBy: String = "guest") -> NewTask {
        NewTask(name: name, parameters: TaskParameters(
            dbConnection: "postgresql://u:S3cret@h:5432/\(dbName)", businessContext: "高速公路服务区管理系统",
            tableListFile: TaskParameters.uploadModeTableListFile, fileUploadMode: true), dbName: dbName, createdBy: createdBy)
    }

    private let fixedNow = Date(timeIntervalSince1970: 1_751_449_200.268_1)

    func testCreateWritesTheTaskAndFourPendingStepsInPipelineOrder() throws {
        let created = try store.createTask(newTask(), now: fixedNow)
        let loaded = try XCTUnwrap(store.task(created.id))
        XCTAssertEqual(loaded.status, .pending)
        XCTAssertEqual(loaded.steps.map(\.name), StepName.allCases)
        XCTAssertEqual(Set(loaded.steps.map(\.status)), [.pending])
        XCTAssertEqual(loaded.name, "测试任务")
        XCTAssertEqual(loaded.parameters.dbConnection, "postgresql://u:S3cret@h:5432/highway_db")
        XCTAssertEqual(loaded.createdAt.timeIntervalSince1970, fixedNow.timeIntervalSince1970, accuracy: 0.000_001)
        XCTAssertTrue(loaded.directoryExists)
    }

    func testTaskIDIsTheCreationSecond() throws {
        let created = try store.createTask(newTask(), now: fixedNow)
        XCTAssertEqual(created.id.rawValue, TaskID.base(for: fixedNow))
    }

    func testTasksCreatedInTheSameSecondGetSuffixes() throws {
        let ids = try (1...3).map { _ in try store.createTask(newTask(), now: fixedNow).id.rawValue }
        let base = TaskID.base(for: fixedNow)
        XCTAssertEqual(ids, [base, "\(base)_2", "\(base)_3"])
    }

    func testConcurrentCreatesInOneSecondAllSucceedWithDistinctIDs() throws {
        let url = database.url
        let now = fixedNow
        let task = newTask()
        let results = ConcurrentResults<String>()
        DispatchQueue.concurrentPerform(iterations: 6) { _ in
            let store = PostgresTaskStore(session: PostgresSession(url: url), secrets: testSecrets)
            results.append(Result { try store.createTask(task, now: now).id.rawValue })
        }
        let ids = try results.values.map { try $0.get() }
        XCTAssertEqual(Set(ids).count, 6)
    }

    func testUnknownTaskIsNil() throws {
        XCTAssertNil(try store.task(TaskID("task_19990101_000000")!))
        XCTAssertFalse(try store.taskExists(TaskID("task_19990101_000000")!))
    }

    func testListCountsAllMatchingTasksNotThePage() throws {
        for second in 0..<5 {
            _ = try store.createTask(newTask(), now: fixedNow.addingTimeInterval(Double(second)))
        }
        var query = TaskListQuery()
        query.limit = 2
        let (page, total) = try store.listTasks(query)
        XCTAssertEqual(page.count, 2)
        XCTAssertEqual(total, 5)
        XCTAssertEqual(page.first?.id.rawValue, TaskID.base(for: fixedNow.addingTimeInterval(4)), "newest first")
    }

    func testListPageBeyondTheEndStillReportsTheTotal() throws {
        for second in 0..<3 {
            _ = try store.createTask(newTask(), now: fixedNow.addingTimeInterval(Double(second)))
        }
        var query = TaskListQuery()
        query.offset = 10
        let (page, total) = try store.listTasks(query)
        XCTAssertEqual(page.count, 0)
        XCTAssertEqual(total, 3)
    }

    func testListFiltersByNameKeywordCaseInsensitivelyAndByDatabase() throws {
        _ = try store.createTask(newTask(name: "Highway 数据", dbName: "a"), now: fixedNow)
        _ = try store.createTask(newTask(name: "other", dbName: "b"), now: fixedNow.addingTimeInterval(1))
        var byName = TaskListQuery()
        byName.nameKeyword = "HIGHWAY"
        XCTAssertEqual(try store.listTasks(byName).tasks.map(\.name), ["Highway 数据"])
        var byDatabase = TaskListQuery()
        byDatabase.dbName = "b"
        XCTAssertEqual(try store.listTasks(byDatabase).tasks.map(\.name), ["other"])
    }

    func testKeywordWithLikeWildcardsMatchesLiterally() throws {
        _ = try store.createTask(newTask(name: "100% done"), now: fixedNow)
        _ = try store.createTask(newTask(name: "1000 done"), now: fixedNow.addingTimeInterval(1))
        var query = TaskListQuery()
        query.nameKeyword = "0%"
        XCTAssertEqual(try store.listTasks(query).tasks.map(\.name), ["100% done"])
    }

    func testListSortsAscendingByName() throws {
        _ = try store.createTask(newTask(name: "b"), now: fixedNow)
        _ = try store.createTask(newTask(name: "a"), now: fixedNow.addingTimeInterval(1))
        var query = TaskListQuery()
        query.sortBy = .taskName
        query.ascending = true
        XCTAssertEqual(try store.listTasks(query).tasks.map(\.name), ["a", "b"])
    }

    func testListFiltersByStatusAndCreationRange() throws {
        _ = try store.createTask(newTask(), now: fixedNow)
        _ = try store.createTask(newTask(), now: fixedNow.addingTimeInterval(3600))
        var query = TaskListQuery()
        query.status = .pending
        query.createdFrom = fixedNow.addingTimeInterval(1800)
        XCTAssertEqual(try store.listTasks(query).total, 1)
        query.status = .failed
        XCTAssertEqual(try store.listTasks(query).total, 0)
    }

    func testListItemCarriesStepSummaryAndBusinessContext() throws {
        _ = try store.createTask(newTask(createdBy: "alice"), now: fixedNow)
        let item = try XCTUnwrap(store.listTasks(TaskListQuery()).tasks.first)
        XCTAssertEqual(item.stepSummary, .pending)
        XCTAssertEqual(item.businessContext, "高速公路服务区管理系统")
        XCTAssertEqual(item.createdBy, "alice")
    }

    func testMarkDirectoryDeletedKeepsTheRowAndSetsUpdatedAt() throws {
        let id = try store.createTask(newTask(), now: fixedNow).id
        let later = fixedNow.addingTimeInterval(60)
        XCTAssertEqual(try store.markDirectoryDeleted(id, now: later), .done)
        let task = try XCTUnwrap(store.task(id))
        XCTAssertFalse(task.directoryExists)
        XCTAssertEqual(task.updatedAt?.timeIntervalSince1970 ?? 0, later.timeIntervalSince1970, accuracy: 0.000_001)
    }

    func testDeleteRemovesTaskAndSteps() throws {
        let id = try store.createTask(newTask(), now: fixedNow).id
        XCTAssertEqual(try store.deleteTask(id), .done)
        XCTAssertNil(try store.task(id))
        let steps = try database.connect().query(PostgresQuery(
            "SELECT count(*) AS n FROM data_pipeline_task_steps WHERE task_id = $1", [id.rawValue]))
        XCTAssertEqual(try steps.first?.int("n"), 0)
        XCTAssertEqual(try store.deleteTask(id), .notFound)
    }

    func testUnreachableDatabaseIsReportedAsStateStoreUnavailable() throws {
        let unreachable = PostgresTaskStore(session: PostgresSession(url: "postgresql://dp:pw@127.0.0.1:1/none?connect_timeout=2"), secrets: testSecrets)
        XCTAssertThrowsError(try unreachable.ping()) { error in
            XCTAssertEqual(error as? PipelineError, .stateStoreUnavailable)
        }
    }
}
