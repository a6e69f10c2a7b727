import Postgres
import TestSupport
import XCTest
@testable import PipelineStore

final class MigrationRunnerTests: XCTestCase {
    private var database: TestDatabase!

    override func setUpWithError() throws {
        database = try TestDatabase(prefix: "dp_migrations")
    }

    override func tearDown() {
        database?.drop()
    }

    func testFirstRunAppliesEveryMigrationAndRecordsIt() throws {
        let applied = try MigrationRunner.migrate(database.connect())
        XCTAssertEqual(applied, Migrations.all.map(\.version))
        let recorded = try database.connect().query(PostgresQuery("SELECT version FROM schema_migrations ORDER BY version"))
        XCTAssertEqual(try recorded.map { try $0.int("version") }, Migrations.all.map(\.version))
    }

    func testSecondRunAppliesNothing() throws {
        try MigrationRunner.migrate(database.connect())
        XCTAssertEqual(try MigrationRunner.migrate(database.connect()), [])
    }

    func testConcurrentStartsApplyEachMigrationExactlyOnce() throws {
        let url = database.url
        let results = ConcurrentResults<[Int]>()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            results.append(Result { try MigrationRunner.migrate(PostgresConnection(url: url)) })
        }
        let outcomes = try results.values.map { try $0.get() }
        XCTAssertEqual(outcomes.filter { !$0.isEmpty }.count, 1, "exactly one process applies the migrations")
        XCTAssertEqual(outcomes.flatMap { $0 }.sorted(), Migrations.all.map(\.version))
    }

    func testSchemaHasTheColumnsThePredecessorLacked() throws {
        try MigrationRunner.migrate(database.connect())
        let rows = try database.connect().query(PostgresQuery("""
            SELECT column_name FROM information_schema.columns WHERE table_name = 'data_pipeline_tasks'
            """))
        let columns = Set(try rows.map { try $0.string("column_name") })
        for column in ["directory_exists", "updated_at", "worker_pid", "worker_host", "heartbeat_at", "execution_id",
                       "progress", "result"] {
            XCTAssertTrue(columns.contains(column), "missing column \(column)")
        }
    }
}

/// Results collected from several threads.
final class ConcurrentResults<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Result<Value, Error>] = []

    func append(_ result: Result<Value, Error>) {
        lock.lock()
        stored.append(result)
        lock.unlock()
    }

    var values: [Result<Value, Error>] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
