import Foundation
import Postgres
import XCTest

/// A wrong password over TCP fails with an error that shows neither the password nor the URL.
/// Needs pg_hba to require a password (scram-sha-256) for TCP logins of ordinary roles.
final class PostgresAuthenticationTests: PostgresDatabaseTestCase {
    private var role = ""

    /// Host for TCP logins (`DP_TEST_TCP_HOST`, default 127.0.0.1) and the admin URL's port.
    private func tcpURL(user: String, password: String) throws -> String {
        let host = ProcessInfo.processInfo.environment["DP_TEST_TCP_HOST"] ?? "127.0.0.1"
        let port = try connect().query(PostgresQuery("SELECT current_setting('port') AS p")).first!.string("p")
        return "postgresql://\(user):\(PostgresURL.percentEncoded(password))@\(host):\(port)/\(try database.name)?connect_timeout=3"
    }

    override func tearDownWithError() throws {
        if !role.isEmpty, let admin = try? connect() {
            _ = try? admin.execute(PostgresQuery(unsafeSQL: "DROP ROLE IF EXISTS \(PostgresConnection.quoteIdentifier(role))"))
        }
        try super.tearDownWithError()
    }

    func testWrongPasswordErrorRevealsNeitherPasswordNorURL() throws {
        role = "dp_pw_\(UInt32.random(in: .min ... .max))"
        let rightPassword = "Right-\(UInt32.random(in: .min ... .max))/p@ss:é"
        let admin = try connect()
        // Test-only DDL: CREATE ROLE takes no parameters; the password is generated here and has no single quote.
        try admin.execute(PostgresQuery(unsafeSQL: "CREATE ROLE \(PostgresConnection.quoteIdentifier(role)) LOGIN PASSWORD '\(rightPassword)'"))

        // The right password works, so the failure below is about the password and nothing else.
        let good = try PostgresConnection(url: try tcpURL(user: role, password: rightPassword))
        XCTAssertEqual(try good.query(PostgresQuery("SELECT current_user AS u")).first?.string("u"), role)

        let wrongPassword = "Wr0ng-\(UInt32.random(in: .min ... .max))@secret"
        let url = try tcpURL(user: role, password: wrongPassword)
        do {
            _ = try PostgresConnection(url: url)
            XCTFail("the server accepted a wrong password: pg_hba.conf must require scram-sha-256 over TCP")
        } catch {
            XCTAssertEqual(error.kind, .connection)
            XCTAssertTrue(error.isConnectionFailure)
            XCTAssertEqual(error.description, "PostgreSQL connection failed")
            XCTAssertTrue(error.debugDescription.contains("password authentication failed"), error.debugDescription)
            for text in [error.description, error.debugDescription, "\(error)", String(reflecting: error)] {
                for secret in [wrongPassword, PostgresURL.percentEncoded(wrongPassword), url, "Wr0ng-"] {
                    XCTAssertFalse(text.contains(secret), "\(text) leaks \(secret)")
                }
            }
            XCTAssertFalse(error.description.contains("127.0.0.1"))
        }
    }

    func testPasswordGivenAsQueryParameterIsAlsoKeptOutOfErrors() throws {
        let host = ProcessInfo.processInfo.environment["DP_TEST_TCP_HOST"] ?? "127.0.0.1"
        let port = try connect().query(PostgresQuery("SELECT current_setting('port') AS p")).first!.string("p")
        let password = "QueryParam-\(UInt32.random(in: .min ... .max))"
        let url = "postgresql://\(host):\(port)/\(try database.name)?user=no_such_role_x&password=\(password)"
        XCTAssertThrowsError(try PostgresConnection(url: url)) { error in
            XCTAssertEqual((error as? PostgresError)?.kind, .connection)
            XCTAssertFalse(String(reflecting: error).contains(password))
            XCTAssertFalse(String(describing: error).contains(password))
        }
    }

    func testPasswordInConninfoStringIsKeptOutOfErrors() throws {
        let host = ProcessInfo.processInfo.environment["DP_TEST_TCP_HOST"] ?? "127.0.0.1"
        let port = try connect().query(PostgresQuery("SELECT current_setting('port') AS p")).first!.string("p")
        let secret = "Conninfo\(UInt32.random(in: .min ... .max))"
        // libpq conninfo quoting: the password is `Conninfo…'x\y`.
        let conninfo = #"host=\#(host) port=\#(port) user=no_such_role_y password='\#(secret)\'x\\y' dbname=postgres"#
        XCTAssertThrowsError(try PostgresConnection(url: conninfo)) { error in
            XCTAssertEqual((error as? PostgresError)?.kind, .connection)
            for text in [String(reflecting: error), String(describing: error)] {
                XCTAssertFalse(text.contains(secret), text)
                XCTAssertFalse(text.contains(conninfo), text)
            }
        }
    }
}
