import Foundation
import Postgres
import XCTest

/// Why a test could not get its database; thrown from `setUpWithError` so the test fails (never skips).
struct TestEnvironmentError: Error, CustomStringConvertible {
    let description: String
}

/// Test configuration from the environment.
enum TestEnvironment {
    /// `DP_TEST_ADMIN_DATABASE_URL`, e.g. `postgresql://postgres@/postgres?host=/tmp/h-pg&port=55999`.
    static func adminURL() throws -> String {
        try required("DP_TEST_ADMIN_DATABASE_URL", example: "postgresql://postgres@/postgres?host=/tmp/h-pg&port=55999")
    }

    static func required(_ name: String, example: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            throw TestEnvironmentError(description: "\(name) is not set; the Postgres tests need a real cluster (e.g. \(name)='\(example)')")
        }
        return value
    }

    /// The admin URL pointing at another database: the URL path is replaced, or `dbname=` appended to conninfo.
    static func url(_ adminURL: String, database: String) -> String {
        guard let scheme = adminURL.range(of: "://") else { return adminURL + " dbname=\(database)" }
        let afterScheme = adminURL[scheme.upperBound...]
        let queryStart = afterScheme.firstIndex(of: "?") ?? adminURL.endIndex
        let authorityEnd = afterScheme[..<queryStart].firstIndex(of: "/") ?? queryStart
        return String(adminURL[..<authorityEnd]) + "/" + database + String(adminURL[queryStart...])
    }
}

/// A database created for one test class and dropped after it.
final class TestDatabase: @unchecked Sendable {
    let name: String
    let url: String
    private let adminURL: String

    init(prefix: String) throws {
        adminURL = try TestEnvironment.adminURL()
        name = "\(prefix)_\(UInt32.random(in: .min ... .max))_\(ProcessInfo.processInfo.processIdentifier)"
        url = TestEnvironment.url(adminURL, database: name)
        let admin = try PostgresConnection(url: adminURL, applicationName: "dp-tests")
        // CREATE DATABASE takes no parameters; the name is generated here and quoted anyway.
        try admin.execute(PostgresQuery(unsafeSQL: "CREATE DATABASE \(PostgresConnection.quoteIdentifier(name))"))
    }

    func connect() throws -> PostgresConnection {
        try PostgresConnection(url: url, applicationName: "dp-tests")
    }

    func drop() {
        guard let admin = try? PostgresConnection(url: adminURL, applicationName: "dp-tests") else { return }
        _ = try? admin.execute(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(PostgresConnection.quoteIdentifier(name)) WITH (FORCE)"))
    }
}

/// Base class: one database per test class, created before its first test and dropped after its last.
class PostgresDatabaseTestCase: XCTestCase {
    nonisolated(unsafe) private static var databases: [ObjectIdentifier: Result<TestDatabase, any Error>] = [:]

    /// This class's database; a missing environment or an unreachable server fails the test here.
    var database: TestDatabase {
        get throws {
            let key = ObjectIdentifier(type(of: self))
            if let existing = Self.databases[key] { return try existing.get() }
            let prefix = "dp_test_" + String(describing: type(of: self)).lowercased()
            let result = Result { try TestDatabase(prefix: prefix) }
            Self.databases[key] = result
            return try result.get()
        }
    }

    /// A fresh connection to this class's database.
    func connect() throws -> PostgresConnection {
        try database.connect()
    }

    override class func tearDown() {
        if case .success(let database)? = databases.removeValue(forKey: ObjectIdentifier(self)) {
            database.drop()
        }
        super.tearDown()
    }
}
