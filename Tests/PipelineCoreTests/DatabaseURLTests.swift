import XCTest
@testable import PipelineCore

final class DatabaseURLTests: XCTestCase {
    func testMaskedReplacesUserinfoPassword() {
        XCTAssertEqual(DatabaseURL.masked("postgresql://u:p@h:5432/db"), "postgresql://u:***@h:5432/db")
    }

    func testMaskedReplacesPasswordContainingAt() {
        XCTAssertEqual(DatabaseURL.masked("postgresql://postgres:p@ss@h:5432/db"), "postgresql://postgres:***@h:5432/db")
    }

    func testMaskedReplacesPasswordContainingColon() {
        XCTAssertEqual(DatabaseURL.masked("postgresql://u:pa:ss@h/db"), "postgresql://u:***@h/db")
    }

    func testMaskedReplacesPercentEncodedPassword() {
        XCTAssertEqual(DatabaseURL.masked("postgresql://u:p%40ss%3Aw%2F@h:5432/db"), "postgresql://u:***@h:5432/db")
    }

    /// An unencoded `/` in the password ends the authority early, so the `@` is not found and the password leaks.
    func testMaskedReplacesPasswordContainingSlash() {
        XCTAssertEqual(DatabaseURL.masked("postgresql://u:pa/ss@h:5432/db"), "postgresql://u:***@h:5432/db")
    }

    func testMaskedLeavesURLWithoutPasswordUnchanged() {
        XCTAssertEqual(DatabaseURL.masked("postgresql://u@h:5432/db"), "postgresql://u@h:5432/db")
        XCTAssertEqual(DatabaseURL.masked("postgres://h/db"), "postgres://h/db")
    }

    func testMaskedReplacesPasswordQueryOption() {
        XCTAssertEqual(DatabaseURL.masked("postgresql://u@h/db?password=x&sslmode=require"),
                       "postgresql://u@h/db?password=***&sslmode=require")
    }

    func testMaskedReplacesBothUserinfoAndQueryPasswords() {
        XCTAssertEqual(DatabaseURL.masked("postgresql://u:p@h/db?sslmode=require&password=x"),
                       "postgresql://u:***@h/db?sslmode=require&password=***")
    }

    func testMaskedReplacesConninfoPassword() {
        XCTAssertEqual(DatabaseURL.masked("host=h password=secret dbname=d"), "host=h password=*** dbname=d")
    }

    func testMaskedReplacesUpperCaseConninfoPassword() {
        XCTAssertEqual(DatabaseURL.masked("host=h PASSWORD=secret"), "host=h PASSWORD=***")
    }

    /// libpq conninfo allows single-quoted values with spaces; the whole quoted value is the password.
    func testMaskedReplacesQuotedConninfoPassword() {
        XCTAssertEqual(DatabaseURL.masked("host=h password='se cret' dbname=d"), "host=h password=*** dbname=d")
    }

    func testMaskedOutputNeverContainsThePassword() {
        let password = "S3cretPw"
        let inputs = [
            "postgresql://u:\(password)@h:5432/db",
            "postgres://u:\(password)@h/db?sslmode=require",
            "postgresql://u:x@\(password)@h/db",
            "postgresql://u:\(password):x@h/db",
            "postgresql://u@h/db?password=\(password)",
            "postgresql://u@h/db?sslmode=require&password=\(password)&application_name=a",
            "host=h password=\(password) dbname=d",
            "postgresql://u:\(password)@h",
        ]
        for input in inputs {
            XCTAssertFalse(DatabaseURL.masked(input).contains(password), input)
        }
    }

    func testDatabaseNameIsThePath() {
        XCTAssertEqual(DatabaseURL.databaseName("postgresql://u:p@h:5432/highway_db"), "highway_db")
    }

    func testDatabaseNameIgnoresQueryString() {
        XCTAssertEqual(DatabaseURL.databaseName("postgresql://u:p@h:5432/db?sslmode=require"), "db")
    }

    func testDatabaseNameIsNilWithoutPath() {
        XCTAssertNil(DatabaseURL.databaseName("postgresql://u:p@h:5432"))
        XCTAssertNil(DatabaseURL.databaseName("postgresql://u:p@h:5432?sslmode=require"))
    }

    func testDatabaseNameIsNilForEmptyPath() {
        XCTAssertNil(DatabaseURL.databaseName("postgresql://h:5432/"))
    }

    func testDatabaseNameIsPercentDecoded() {
        XCTAssertEqual(DatabaseURL.databaseName("postgresql://h/my%20db"), "my db")
        XCTAssertEqual(DatabaseURL.databaseName("postgresql://h/%E4%B8%9A%E5%8A%A1"), "业务")
    }

    func testDatabaseNameIsNilForConninfo() {
        XCTAssertNil(DatabaseURL.databaseName("host=h dbname=d"))
    }

    func testReplacingDatabaseKeepsQuery() {
        XCTAssertEqual(DatabaseURL.replacingDatabase(in: "postgresql://u:p@h:5432/db?sslmode=require", with: "other"),
                       "postgresql://u:p@h:5432/other?sslmode=require")
    }

    func testReplacingDatabaseAddsMissingPath() {
        XCTAssertEqual(DatabaseURL.replacingDatabase(in: "postgresql://u:p@h:5432", with: "other"),
                       "postgresql://u:p@h:5432/other")
        XCTAssertEqual(DatabaseURL.replacingDatabase(in: "postgresql://h?sslmode=require", with: "other"),
                       "postgresql://h/other?sslmode=require")
    }

    func testReplacingDatabasePercentEncodesName() {
        XCTAssertEqual(DatabaseURL.replacingDatabase(in: "postgresql://h/db", with: "my db/x"), "postgresql://h/my%20db%2Fx")
    }

    func testReplacingDatabaseLeavesConninfoUnchanged() {
        XCTAssertEqual(DatabaseURL.replacingDatabase(in: "host=h dbname=d", with: "other"), "host=h dbname=d")
    }

    func testIsPostgresURLAcceptsBothSchemes() {
        XCTAssertTrue(DatabaseURL.isPostgresURL("postgresql://h/db"))
        XCTAssertTrue(DatabaseURL.isPostgresURL("postgres://h/db"))
    }

    func testIsPostgresURLRefusesOtherText() {
        XCTAssertFalse(DatabaseURL.isPostgresURL("mysql://h/db"))
        XCTAssertFalse(DatabaseURL.isPostgresURL("host=h dbname=d"))
        XCTAssertFalse(DatabaseURL.isPostgresURL(" postgresql://h/db"))
    }
}
