import Foundation
import XCTest
@testable import PipelineCore

final class ServiceConfigurationTests: XCTestCase {
    private let minimal = ["DP_STATE_DATABASE_URL": "postgresql://dp:secret@localhost:5432/dp_state"]

    private func load(_ extra: [String: String]) throws -> ServiceConfiguration {
        try ServiceConfiguration.load(from: minimal.merging(extra) { $1 })
    }

    private func assertRejects(_ extra: [String: String], naming variable: String,
                               file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try load(extra), file: file, line: line) { error in
            XCTAssertEqual((error as? ConfigurationError)?.variable, variable, file: file, line: line)
        }
    }

    func testMissingStateDatabaseURLIsErrorNamingIt() {
        XCTAssertThrowsError(try ServiceConfiguration.load(from: [:])) { error in
            XCTAssertEqual((error as? ConfigurationError)?.variable, "DP_STATE_DATABASE_URL")
            XCTAssertEqual((error as? ConfigurationError)?.problem, "is required")
        }
    }

    func testBlankStateDatabaseURLCountsAsMissing() {
        assertRejects(["DP_STATE_DATABASE_URL": "   "], naming: "DP_STATE_DATABASE_URL")
    }

    func testNonPostgresStateURLIsRefused() {
        assertRejects(["DP_STATE_DATABASE_URL": "mysql://u@h/db"], naming: "DP_STATE_DATABASE_URL")
    }

    func testNonPostgresBusinessURLIsRefused() {
        assertRejects(["DP_BUSINESS_DATABASE_URL": "host=h dbname=d"], naming: "DP_BUSINESS_DATABASE_URL")
    }

    func testZeroThreadsIsRefused() {
        assertRejects(["DP_FCGI_THREADS": "0"], naming: "DP_FCGI_THREADS")
    }

    func testNonNumericThreadsIsRefused() {
        assertRejects(["DP_FCGI_THREADS": "abc"], naming: "DP_FCGI_THREADS")
    }

    func testTooManyThreadsIsRefused() {
        assertRejects(["DP_FCGI_THREADS": "257"], naming: "DP_FCGI_THREADS")
    }

    func testThreadsAreRead() throws {
        XCTAssertEqual(try load(["DP_FCGI_THREADS": " 4 "]).fcgiThreads, 4)
    }

    func testErrorDescriptionNamesVariableAndValue() {
        XCTAssertThrowsError(try load(["DP_FCGI_THREADS": "abc"])) { error in
            XCTAssertEqual(String(describing: error),
                           "configuration error: DP_FCGI_THREADS: must be an integer in 1...256, got 'abc'")
        }
    }

    func testSocketModeIsOctalWithLeadingZero() throws {
        XCTAssertEqual(try load(["DP_FCGI_SOCKET_MODE": "0600"]).fcgiSocketMode, 0o600)
    }

    func testSocketModeIsOctalWithoutLeadingZero() throws {
        XCTAssertEqual(try load(["DP_FCGI_SOCKET_MODE": "666"]).fcgiSocketMode, 0o666)
    }

    func testSocketModeWithNonOctalDigitIsRefused() {
        assertRejects(["DP_FCGI_SOCKET_MODE": "0689"], naming: "DP_FCGI_SOCKET_MODE")
    }

    func testSocketModeAbove777IsRefused() {
        assertRejects(["DP_FCGI_SOCKET_MODE": "1777"], naming: "DP_FCGI_SOCKET_MODE")
    }

    func testDefaults() throws {
        let configuration = try ServiceConfiguration.load(from: minimal)
        XCTAssertEqual(configuration.stateDatabaseURL, "postgresql://dp:secret@localhost:5432/dp_state")
        XCTAssertNil(configuration.businessDatabaseURL)
        XCTAssertEqual(configuration.tasksDirectory.path,
                       URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("var/tasks").path)
        XCTAssertNil(configuration.fcgiSocket)
        XCTAssertEqual(configuration.fcgiSocketMode, 0o660)
        XCTAssertEqual(configuration.fcgiThreads, 8)
        XCTAssertEqual(configuration.maxUploadBytes, 10 * 1024 * 1024)
        XCTAssertEqual(configuration.maxJSONBytes, 1024 * 1024)
        XCTAssertNil(configuration.accelRedirectPrefix)
        XCTAssertNil(configuration.apiToken)
        XCTAssertEqual(configuration.logLevel, "info")
        XCTAssertEqual(configuration.workerTimeoutSeconds, 30)
    }

    func testTasksDirectoryIsStandardized() throws {
        XCTAssertEqual(try load(["DP_TASKS_DIR": "/srv/dp/../tasks"]).tasksDirectory.path, "/srv/tasks")
    }

    func testUploadLimitIsReadInMegabytes() throws {
        XCTAssertEqual(try load(["DP_MAX_UPLOAD_MB": "2"]).maxUploadBytes, 2 * 1024 * 1024)
    }

    func testJSONLimitIsReadInKilobytes() throws {
        XCTAssertEqual(try load(["DP_MAX_JSON_KB": "64"]).maxJSONBytes, 64 * 1024)
    }

    func testLogLevelIsCaseInsensitive() throws {
        XCTAssertEqual(try load(["DP_LOG_LEVEL": "DEBUG"]).logLevel, "debug")
    }

    func testUnknownLogLevelIsRefused() {
        assertRejects(["DP_LOG_LEVEL": "verbose"], naming: "DP_LOG_LEVEL")
    }

    func testWorkerTimeoutBelowFiveSecondsIsRefused() {
        assertRejects(["DP_WORKER_TIMEOUT_S": "4"], naming: "DP_WORKER_TIMEOUT_S")
    }

    func testOptionalStringsAreRead() throws {
        let configuration = try load([
            "DP_BUSINESS_DATABASE_URL": "postgres://u:p@h/biz", "DP_FCGI_SOCKET": "/run/dp/dp.sock",
            "DP_ACCEL_REDIRECT_PREFIX": "/internal/tasks/", "DP_API_TOKEN": "t0ken",
        ])
        XCTAssertEqual(configuration.businessDatabaseURL, "postgres://u:p@h/biz")
        XCTAssertEqual(configuration.fcgiSocket, "/run/dp/dp.sock")
        XCTAssertEqual(configuration.accelRedirectPrefix, "/internal/tasks/")
        XCTAssertEqual(configuration.apiToken, "t0ken")
    }
}
