import XCTest
@testable import PipelineCore

/// Masking of keys and database URL passwords in free text (the audit file's defence in depth).
final class SecretRedactorTests: XCTestCase {
    func testKnownSecretsAreMaskedEverywhere() {
        let redactor = SecretRedactor(secrets: ["sk-abc123", ""])
        XCTAssertEqual(redactor.redact("key sk-abc123 and again sk-abc123."), "key *** and again ***.")
    }

    func testShortSecretsAreIgnored() {
        XCTAssertEqual(SecretRedactor(secrets: ["a"]).redact("a cat"), "a cat")
    }

    func testDatabaseURLPasswordsAreMaskedInText() {
        let redactor = SecretRedactor(secrets: [])
        XCTAssertEqual(redactor.redact("连接 postgresql://dp:s3cret@db:5432/x 失败"), "连接 postgresql://dp:***@db:5432/x 失败")
        XCTAssertEqual(redactor.redact("\"POSTGRES://u:p@ss@h/db\""), "\"POSTGRES://u:***@h/db\"")
        XCTAssertEqual(redactor.redact("postgresql://user@host/db"), "postgresql://user@host/db", "no password, nothing to mask")
        XCTAssertEqual(redactor.redact("a postgres table"), "a postgres table")
        XCTAssertEqual(redactor.redact("x postgresql://a:b@h/1 y postgres://c:d@h/2"), "x postgresql://a:***@h/1 y postgres://c:***@h/2")
    }
}
