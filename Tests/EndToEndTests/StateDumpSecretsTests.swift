import Foundation
import XCTest

/// Issue 20, item 2, passwords at rest: after a complete run on a password-bearing connection, a `pg_dump` of the
/// state database holds the connection string sealed (AES-GCM, key outside the database), never the password.
final class StateDumpSecretsTests: ExecutionTestCase {
    override class var fixtureStatements: [String] { DDLGenerationFixture.slowStatements() }

    func test_pgDumpOfTheStateDatabase_afterARunWithAPassword_containsNoPassword() throws {
        let url = try fixtureURL()
        let password = try XCTUnwrap(StackEnvironment.password(in: url))
        XCTAssertGreaterThanOrEqual(password.count, 16)
        let id = try createFixtureTask(tables: ["quick_table"])
        assertSuccess(try execute(id, ["execution_mode": "complete"]), status: 202)
        let finished = try waitUntilFinished(id, timeout: 120)
        XCTAssertEqual(finished["status"]?.string, "completed", finished.description)

        let dump = try pgDumpOfTheStateDatabase()
        XCTAssertTrue(dump.contains(id), "the dump holds the task")
        XCTAssertTrue(dump.contains("db_connection_sealed"), "the dump holds the sealed connection")
        XCTAssertFalse(dump.contains(password), "the state database dump reveals the business password")
        // Not even a prefix of it (the issue saw "a true prefix of the dp role's password").
        XCTAssertFalse(dump.contains(String(password.prefix(8))), "a prefix of the password is in the dump")
    }

    private func pgDumpOfTheStateDatabase() throws -> String {
        let candidates = ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? [])
            .sorted { $0.compare($1, options: .numeric) == .orderedDescending }
            .map { "/usr/lib/postgresql/\($0)/bin/pg_dump" } + ["/usr/bin/pg_dump"]
        let pgDump = try XCTUnwrap(candidates.first { FileManager.default.isExecutableFile(atPath: $0) }, "no pg_dump")
        // The admin URL (socket, peer authentication): no password in argv.
        let output = try ProcessRunner.run(pgDump, ["--no-owner", "-d", stateAdminURL])
        guard output.status == 0 else {
            throw PostgresAdmin.Failure(description: "pg_dump failed (exit \(output.status)): \(Redaction.redact(output.standardError))")
        }
        return output.standardOutput
    }
}
