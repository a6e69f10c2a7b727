import Foundation
import Postgres
import XCTest

/// Server errors carry their SQLSTATE; descriptions stay generic; the connection stays usable.
final class PostgresErrorTests: PostgresDatabaseTestCase {
    private func error(_ connection: PostgresConnection, _ query: PostgresQuery, file: StaticString = #filePath, line: UInt = #line) -> PostgresError? {
        do {
            try connection.query(query)
            XCTFail("expected an error", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    func testSyntaxErrorIs42601() throws {
        let connection = try connect()
        let failure = try XCTUnwrap(error(connection, PostgresQuery("SELEC 1")))
        XCTAssertEqual(failure.kind, .query)
        XCTAssertEqual(failure.sqlState, "42601")
        XCTAssertFalse(failure.isConnectionFailure)
        XCTAssertEqual(try connection.query(PostgresQuery("SELECT 1 AS one")).first?.int("one"), 1)
    }

    func testMissingRelationIs42P01AndServerMessageNamesIt() throws {
        let failure = try XCTUnwrap(error(try connect(), PostgresQuery("SELECT * FROM no_such_table")))
        XCTAssertEqual(failure.sqlState, "42P01")
        XCTAssertEqual(failure.serverMessage, #"relation "no_such_table" does not exist"#)
    }

    func testUniqueViolationIs23505WithDetailOnlyInDebugDescription() throws {
        let connection = try connect()
        try connection.execute(PostgresQuery("CREATE TABLE uniq (id int PRIMARY KEY)"))
        try connection.execute(PostgresQuery("INSERT INTO uniq VALUES ($1)", [7]))
        let failure = try XCTUnwrap(error(connection, PostgresQuery("INSERT INTO uniq VALUES ($1)", [7])))
        XCTAssertEqual(failure.sqlState, "23505")
        XCTAssertEqual(failure.description, "PostgreSQL query failed (SQLSTATE 23505)")
        XCTAssertTrue(failure.debugDescription.contains("uniq_pkey"), failure.debugDescription)
        XCTAssertTrue(failure.debugDescription.contains("Key (id)=(7) already exists"), failure.debugDescription)
    }

    func testDescriptionNeverContainsQueryText() throws {
        let failure = try XCTUnwrap(error(try connect(), PostgresQuery("SELECT secret_column_xyz FROM pg_class")))
        XCTAssertEqual(failure.sqlState, "42703")
        XCTAssertFalse(failure.description.contains("secret_column_xyz"))
        XCTAssertFalse("\(failure)".contains("pg_class"))
    }

    func testExecParamsRefusesTwoStatements() throws {
        let connection = try connect()
        try connection.execute(PostgresQuery("CREATE TABLE two (id int)"))
        let failure = try XCTUnwrap(error(connection, PostgresQuery("SELECT 1; INSERT INTO two VALUES (1)")))
        XCTAssertEqual(failure.sqlState, "42601")
        XCTAssertEqual(try connection.query(PostgresQuery("SELECT count(*) AS n FROM two")).first?.int("n"), 0)
    }

    func testStatementTimeoutCancelsWith57014AndConnectionStaysUsable() throws {
        let connection = try connect()
        try connection.execute(PostgresQuery("SET statement_timeout = '200ms'"))
        let started = Date()
        let failure = try XCTUnwrap(error(connection, PostgresQuery("SELECT pg_sleep(5)")))
        XCTAssertEqual(failure.sqlState, "57014")
        XCTAssertFalse(failure.isConnectionFailure)
        XCTAssertLessThan(Date().timeIntervalSince(started), 3)
        XCTAssertFalse(connection.isBad)
        XCTAssertEqual(connection.transactionStatus, .idle)
        try connection.execute(PostgresQuery("RESET statement_timeout"))
        XCTAssertEqual(try connection.query(PostgresQuery("SELECT 2 AS two")).first?.int("two"), 2)
    }

    func testTerminatedBackendIsAConnectionFailureAndResetRecovers() throws {
        let connection = try connect(), killer = try connect()
        let pid = try XCTUnwrap(connection.query(PostgresQuery("SELECT pg_backend_pid() AS pid")).first?.int("pid"))
        XCTAssertEqual(try killer.query(PostgresQuery("SELECT pg_terminate_backend($1) AS ok", [pid])).first?.bool("ok"), true)
        let failure = try XCTUnwrap(error(connection, PostgresQuery("SELECT 1")))
        XCTAssertTrue(failure.isConnectionFailure, failure.debugDescription)
        XCTAssertTrue(connection.isBad)
        try connection.reset()
        XCTAssertFalse(connection.isBad)
        let row = try XCTUnwrap(connection.query(PostgresQuery("SELECT pg_backend_pid() AS pid, current_setting('TimeZone') AS tz")).first)
        XCTAssertNotEqual(try row.int("pid"), pid)
        XCTAssertEqual(try row.string("tz"), "UTC", "session settings are re-applied after reset")
    }

    func testConnectionRefusedIsAGenericConnectionError() throws {
        // Port 1 on loopback: nothing listens there.
        XCTAssertThrowsError(try PostgresConnection(url: "postgresql://nobody:hunter2pw@127.0.0.1:1/db?connect_timeout=2")) { error in
            let failure = error as? PostgresError
            XCTAssertEqual(failure?.kind, .connection)
            XCTAssertEqual(failure?.isConnectionFailure, true)
            XCTAssertEqual(failure?.description, "PostgreSQL connection failed")
            XCTAssertFalse(String(reflecting: error).contains("hunter2pw"))
        }
    }

    func testServerVersionIsReported() throws {
        XCTAssertGreaterThanOrEqual(try connect().serverVersion, 90_000)
    }
}
