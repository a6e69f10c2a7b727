import Foundation
import Postgres
import XCTest

/// `PostgresSession` survives a server restart: the stale connection is reset and the body retried once.
/// Restarts the cluster with the shell command in `DP_TEST_PG_CTL_RESTART`.
final class PostgresSessionRestartTests: PostgresDatabaseTestCase {
    private func restartServer() throws {
        let command = try TestEnvironment.required(
            "DP_TEST_PG_CTL_RESTART",
            example: "runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D /tmp/h-pg/data -l /tmp/h-pg/log -w restart"
        )
        // posix_spawn + waitpid rather than Foundation `Process`: its `waitUntilExit` hung here with the shell
        // already a zombie (the restarted postmaster keeps running, which may confuse its monitoring).
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/sh"), strdup("-c"), strdup(command), nil]
        defer { argv.forEach { free($0) } }
        let spawned = posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ)
        XCTAssertEqual(spawned, 0, "could not start /bin/sh for DP_TEST_PG_CTL_RESTART")
        guard spawned == 0 else { return }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        // WIFEXITED && WEXITSTATUS == 0, spelled out (the C macros are not imported).
        XCTAssertEqual(status & 0xFFFF, 0, "restart command failed (wait status \(status)): \(command)")
    }

    func testSessionRecoversAfterServerRestart() throws {
        let session = PostgresSession(url: try database.url, applicationName: "dp-restart-test")
        let before = try session.withConnection(idempotent: true) { try $0.query(PostgresQuery("SELECT pg_backend_pid() AS pid")).first!.int("pid") }
        try restartServer()
        var attempts = 0
        let after = try session.withConnection(idempotent: true) { connection -> Int in
            attempts += 1
            return try connection.query(PostgresQuery("SELECT pg_backend_pid() AS pid")).first!.int("pid")
        }
        XCTAssertEqual(attempts, 2, "the first attempt should hit the stale connection, the second succeed")
        XCTAssertNotEqual(before, after)
        let timeZone = try session.withConnection(idempotent: true) { try $0.query(PostgresQuery("SELECT current_setting('TimeZone') AS tz")).first!.string("tz") }
        XCTAssertEqual(timeZone, "UTC")
    }

    func testFreshConnectionFailureIsNotRetriedAndIsAConnectionError() throws {
        let session = PostgresSession(url: "postgresql://nobody@127.0.0.1:1/db?connect_timeout=2")
        var ran = false
        XCTAssertThrowsError(try session.withConnection(idempotent: true) { _ in ran = true }) { error in
            XCTAssertEqual((error as? PostgresError)?.kind, .connection)
        }
        XCTAssertFalse(ran)
    }

    func testNonConnectionErrorsAreNotRetried() throws {
        let session = PostgresSession(url: try database.url)
        try session.withConnection(idempotent: true) { _ = try $0.query(PostgresQuery("SELECT 1")) }
        var attempts = 0
        XCTAssertThrowsError(try session.withConnection(idempotent: true) { connection in
            attempts += 1
            try connection.query(PostgresQuery("SELECT * FROM missing_relation"))
        })
        XCTAssertEqual(attempts, 1)
        session.close()
        XCTAssertEqual(try session.withConnection(idempotent: true) { try $0.query(PostgresQuery("SELECT 3 AS n")).first!.int("n") }, 3)
    }
}
