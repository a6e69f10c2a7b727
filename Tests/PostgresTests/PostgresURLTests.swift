import Postgres
import XCTest

/// `PostgresURL.redacted` masks passwords in every connection-string shape libpq accepts.
final class PostgresURLTests: XCTestCase {
    func testURLUserInfoPasswordIsMasked() {
        XCTAssertEqual(PostgresURL.redacted("postgresql://user:secret@host:5432/db"), "postgresql://user:***@host:5432/db")
        XCTAssertEqual(PostgresURL.redacted("postgres://u:s3cr%40t%2F@db.example.com/app?sslmode=require"),
                       "postgres://u:***@db.example.com/app?sslmode=require")
    }

    func testRawAtAndSlashInPasswordAreStillMasked() {
        XCTAssertEqual(PostgresURL.redacted("postgresql://user:p@ss/w@rd@host/db"), "postgresql://user:***@host/db")
    }

    func testURLWithoutPasswordIsUnchanged() {
        for url in ["postgresql://user@host/db", "postgresql:///db?host=/tmp", "postgresql://postgres@/postgres?host=/tmp/h-pg&port=55999"] {
            XCTAssertEqual(PostgresURL.redacted(url), url)
        }
    }

    func testPasswordQueryParametersAreMasked() {
        XCTAssertEqual(PostgresURL.redacted("postgresql://user@host/db?password=secret&sslmode=disable"),
                       "postgresql://user@host/db?password=***&sslmode=disable")
        XCTAssertEqual(PostgresURL.redacted("postgresql://h/db?sslmode=require&sslpassword=keypass"),
                       "postgresql://h/db?sslmode=require&sslpassword=***")
        XCTAssertEqual(PostgresURL.redacted("postgresql://h/db?PASSWORD=x%20y"), "postgresql://h/db?PASSWORD=***")
    }

    func testConninfoPasswordsAreMaskedQuotedOrNot() {
        XCTAssertEqual(PostgresURL.redacted("host=h user=u password=secret dbname=d"), "host=h user=u password=*** dbname=d")
        XCTAssertEqual(PostgresURL.redacted("host=h password = 'it''s \\' secret' dbname=d"),
                       "host=h password = *** dbname=d")
        XCTAssertEqual(PostgresURL.redacted(#"host=h password='it\'s a \\ secret' user=u"#), "host=h password=*** user=u")
        XCTAssertEqual(PostgresURL.redacted("password=first"), "password=***")
    }

    func testOtherKeysEndingInPasswordAreNotConfusedWithIt() {
        XCTAssertEqual(PostgresURL.redacted("host=h mypassword=visible"), "host=h mypassword=visible")
    }

    func testFreeTextWithEmbeddedURLIsMasked() {
        let text = "could not connect using postgresql://app:topsecret@10.0.0.1/db: timeout"
        XCTAssertFalse(PostgresURL.redacted(text).contains("topsecret"))
        XCTAssertTrue(PostgresURL.redacted(text).contains("postgresql://app:***@10.0.0.1/db"))
    }

    func testErrorTextsAreRedactedWithKnownSecrets() {
        let error = PostgresError(kind: .connection, message: "failed for p%40ss and p@ss\nsecond line", secrets: ["p@ss"])
        XCTAssertEqual(error.serverMessage, "failed for *** and *** second line")
        XCTAssertEqual(error.description, "PostgreSQL connection failed")
    }
}
