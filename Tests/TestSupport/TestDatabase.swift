import Foundation
import PipelineCore
import Postgres

/// A throw-away database on the test cluster (`DP_TEST_ADMIN_DATABASE_URL`, exported by scripts/test.sh).
public final class TestDatabase {
    public let name: String
    /// Superuser URL of this database.
    public let url: String
    private let adminURL: String

    /// Creates `<prefix>_<random>`; fails the calling test (throws) when the cluster is not configured.
    public init(prefix: String) throws {
        adminURL = try TestEnvironment.require("DP_TEST_ADMIN_DATABASE_URL")
        name = "\(prefix)_\(UInt32.random(in: 0...UInt32.max))"
        url = DatabaseURL.replacingDatabase(in: adminURL, with: name)
        let admin = try PostgresConnection(url: adminURL, applicationName: "dp-tests")
        try admin.execute(PostgresQuery(unsafeSQL: "CREATE DATABASE \(PostgresConnection.quoteIdentifier(name))"))
    }

    /// A new connection to this database.
    public func connect() throws -> PostgresConnection {
        try PostgresConnection(url: url, applicationName: "dp-tests")
    }

    /// Drops the database, ending other sessions first.
    public func drop() {
        guard let admin = try? PostgresConnection(url: adminURL, applicationName: "dp-tests") else { return }
        _ = try? admin.execute(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(PostgresConnection.quoteIdentifier(name)) WITH (FORCE)"))
    }
}

/// Required settings of the test run; a missing one fails the test with a message saying how to run the suite.
public enum TestEnvironment {
    public struct Missing: Error, CustomStringConvertible {
        public let variable: String
        public var description: String { "\(variable) is not set: run the suite with scripts/test.sh, which starts PostgreSQL and exports it" }
    }

    public static func require(_ variable: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty else { throw Missing(variable: variable) }
        return value
    }
}
