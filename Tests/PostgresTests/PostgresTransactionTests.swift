import Postgres
import XCTest

/// `transaction()` commits, rolls back on any error, and leaves the connection usable.
final class PostgresTransactionTests: PostgresDatabaseTestCase {
    private struct BodyError: Error, Equatable {}

    private func freshTable(_ connection: PostgresConnection) throws {
        try connection.execute(PostgresQuery("CREATE TABLE IF NOT EXISTS items (id int PRIMARY KEY)"))
        try connection.execute(PostgresQuery("TRUNCATE items"))
    }

    private func count(_ connection: PostgresConnection) throws -> Int {
        try connection.query(PostgresQuery("SELECT count(*) AS n FROM items")).first!.int("n")
    }

    func testCommitsAndReturnsTheBodyValue() throws {
        let connection = try connect()
        try freshTable(connection)
        let value = try connection.transaction { tx in
            try tx.execute(PostgresQuery("INSERT INTO items VALUES ($1), ($2)", [1, 2]))
        }
        XCTAssertEqual(value, 2)
        XCTAssertEqual(try count(connection), 2)
        XCTAssertEqual(connection.transactionStatus, .idle)
    }

    func testSQLErrorRollsBackRethrowsAndLeavesConnectionUsable() throws {
        let connection = try connect()
        try freshTable(connection)
        XCTAssertThrowsError(try connection.transaction { tx in
            try tx.execute(PostgresQuery("INSERT INTO items VALUES ($1)", [1]))
            try tx.execute(PostgresQuery("INSERT INTO items VALUES ($1)", [1]))
        }) { XCTAssertEqual(($0 as? PostgresError)?.sqlState, "23505") }
        XCTAssertEqual(connection.transactionStatus, .idle)
        XCTAssertEqual(try count(connection), 0)
    }

    func testBodyErrorIsRethrownAsIsAfterRollback() throws {
        let connection = try connect()
        try freshTable(connection)
        XCTAssertThrowsError(try connection.transaction { tx in
            try tx.execute(PostgresQuery("INSERT INTO items VALUES ($1)", [5]))
            throw BodyError()
        }) { XCTAssertEqual($0 as? BodyError, BodyError()) }
        XCTAssertEqual(connection.transactionStatus, .idle)
        XCTAssertEqual(try count(connection), 0)
    }

    func testSwallowedStatementErrorIsNotReportedAsCommit() throws {
        let connection = try connect()
        try freshTable(connection)
        XCTAssertThrowsError(try connection.transaction { tx in
            try tx.execute(PostgresQuery("INSERT INTO items VALUES ($1)", [1]))
            _ = try? tx.execute(PostgresQuery("SELECT * FROM missing_table"))
        }) { XCTAssertEqual(($0 as? PostgresError)?.sqlState, "25P02") }
        XCTAssertEqual(connection.transactionStatus, .idle)
        XCTAssertEqual(try count(connection), 0)
    }

    func testNestedTransactionIsRefusedWithoutCommittingTheOuterOne() throws {
        let connection = try connect()
        try freshTable(connection)
        XCTAssertThrowsError(try connection.transaction { tx in
            try tx.execute(PostgresQuery("INSERT INTO items VALUES ($1)", [1]))
            try tx.transaction { _ in }
        }) { XCTAssertEqual(($0 as? PostgresError)?.sqlState, "25001") }
        XCTAssertEqual(try count(connection), 0)
    }

    func testBrokenConnectionInsideTransactionIsLeftForReset() throws {
        let connection = try connect(), killer = try connect()
        try freshTable(connection)
        XCTAssertThrowsError(try connection.transaction { tx in
            let pid = try tx.query(PostgresQuery("SELECT pg_backend_pid() AS pid")).first!.int("pid")
            try killer.execute(PostgresQuery("SELECT pg_terminate_backend($1)", [pid]))
            try tx.execute(PostgresQuery("INSERT INTO items VALUES ($1)", [1]))
        }) { XCTAssertEqual(($0 as? PostgresError)?.isConnectionFailure, true) }
        XCTAssertTrue(connection.isBad)
        try connection.reset()
        XCTAssertEqual(try count(connection), 0)
    }
}
