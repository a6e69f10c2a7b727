import PipelineCore
import XCTest

/// The business-database URL policy (issue 20, item 2): no unix sockets, harmless options only, `DP_BUSINESS_HOSTS`.
final class BusinessConnectionPolicyTests: XCTestCase {
    private let open = BusinessConnectionPolicy()

    private func refusal(_ url: String, _ policy: BusinessConnectionPolicy? = nil,
                         file: StaticString = #filePath, line: UInt = #line) -> ConnectionRefusal? {
        do {
            try (policy ?? open).check(url)
            XCTFail("accepted: \(url)", file: file, line: line)
            return nil
        } catch PipelineError.connectionRefused(let reason) {
            return reason
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
            return nil
        }
    }

    func test_theReportedSocketURLToTheStateDatabaseAsPostgres_isRefused() {
        let message = refusal("postgresql:///dp_state?host=/tmp/dp-test.x/pg/run&port=25433&user=postgres")
        XCTAssertNotNil(message)
    }

    func test_everySpellingOfAUnixSocket_isRefused() {
        for url in ["postgresql:///db", "postgresql://u:p@/db", "postgresql://%2Fvar%2Frun%2Fpostgresql/db",
                    "postgresql://u:p@%2Ftmp:5432/db", "postgresql://u:p@%40abstract/db",
                    "postgresql://u:p@db.example/db?host=/var/run/postgresql",
                    "postgresql://u:p@db.example,%2Ftmp/db", "postgres://u:p@:5432/db"] {
            XCTAssertNotNil(refusal(url), url)
        }
    }

    func test_optionsThatReadFilesOrChangeTheTarget_areRefusedByName() {
        for option in ["passfile=/root/.pgpass", "service=internal", "sslkey=/etc/ssl/private/k.pem",
                       "sslcert=/etc/x.crt", "sslrootcert=/etc/ca.crt", "hostaddr=10.0.0.5",
                       "options=-c%20default_transaction_read_only%3Doff", "dbname=postgresql://x@/y", "user=postgres"] {
            let key = String(option.prefix { $0 != "=" })
            XCTAssertEqual(refusal("postgresql://u:p@db.example:5432/db?\(option)"), .optionNotAllowed(keyword: key), option)
        }
    }

    func test_harmlessOptionsAndTCPHosts_areAccepted() throws {
        for url in ["postgresql://u:p@db.example:5432/db",
                    "postgresql://u:p@127.0.0.1/db?sslmode=require&connect_timeout=5&application_name=nl2sql",
                    "postgres://u:p@[::1]:5433/db?target_session_attrs=read-write&port=5434",
                    "postgresql://u:p@h1:5432,h2:5433/db",
                    // libpq reads the user info up to the first "@" before any "/": "?" and "#" may be in a password.
                    "postgresql://u:S3cr3t?Pa55@db.example:5432/db", "postgresql://u:S3cr3t#Pa55@db.example/db"] {
            XCTAssertNoThrow(try open.check(url), url)
        }
    }

    func test_refusals_neverEchoTheURL() {
        let password = "Zq9-Unique-Pw"
        for url in ["postgresql://u:\(password)@/db", "postgresql://u:a/b?\(password)=1@h/db",
                    "postgresql://u:\(password)/x@h/db", "postgresql://u:p@h/db?sslmode=\(password)"] {
            // The reason is all a refusal can say (ReasonWording turns it into text): it holds no URL value.
            let message = refusal(url).map { "\($0)" } ?? ""
            XCTAssertFalse(message.contains(password), "\(url): \(message)")
            XCTAssertFalse(message.contains("Zq9"), "\(url): \(message)")
        }
    }

    func test_aHostOutsideDPBusinessHosts_isRefused() throws {
        let policy = try BusinessConnectionPolicy(environment: ["DP_BUSINESS_HOSTS": "db.example, 10.20.0.0/16,192.168.1.7 fd00::/8"])
        for url in ["postgresql://u:p@127.0.0.1:5432/db", "postgresql://u:p@10.21.0.1/db", "postgresql://u:p@other.example/db",
                    "postgresql://u:p@db.example.evil.com/db", "postgresql://u:p@192.168.1.8/db", "postgresql://u:p@[fe80::1]/db",
                    "postgresql://u:p@db.example,127.0.0.1/db"] {
            XCTAssertEqual(refusal(url, policy), .hostNotAllowed, url)
        }
        for url in ["postgresql://u:p@db.example:5432/db", "postgresql://u:p@DB.Example./db", "postgresql://u:p@10.20.255.4/db",
                    "postgresql://u:p@192.168.1.7/db", "postgresql://u:p@[fd12::3]:5432/db"] {
            XCTAssertNoThrow(try policy.check(url), url)
        }
    }

    func test_socketDirectoriesAllowedByConfiguration_areAccepted_othersNot() throws {
        let policy = try BusinessConnectionPolicy(environment: ["DP_BUSINESS_SOCKET_DIRS": "/var/run/postgresql"])
        XCTAssertNoThrow(try policy.check("postgresql://u@%2Fvar%2Frun%2Fpostgresql/db"))
        XCTAssertNoThrow(try policy.check("postgresql://u@/db?host=/var/run/postgresql/&port=5432"))
        XCTAssertNotNil(refusal("postgresql://u@/db?host=/tmp", policy))
        XCTAssertNotNil(refusal("postgresql://u@/db", policy))
    }

    func test_badSettings_nameTheirVariable() {
        for (name, value) in [("DP_BUSINESS_HOSTS", "10.0.0.0/33"), ("DP_BUSINESS_HOSTS", "a/b"),
                              ("DP_BUSINESS_SOCKET_DIRS", "relative/dir")] {
            XCTAssertThrowsError(try BusinessConnectionPolicy(environment: [name: value])) { error in
                XCTAssertEqual((error as? ConfigurationError)?.variable, name)
            }
        }
    }
}
