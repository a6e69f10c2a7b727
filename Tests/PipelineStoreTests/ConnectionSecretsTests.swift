import Foundation
import PipelineCore
import Postgres
import TestSupport
import XCTest
@testable import PipelineStore

/// Passwords at rest (issue 20, item 2): task rows hold the connection masked plus AES-GCM sealed; only a holder of
/// the key file reads the password back; rows from before sealing are rewritten at start.
final class ConnectionSecretsTests: XCTestCase {
    private var database: TestDatabase!
    private let password = "Unique-Pw-4711"
    private var url: String { "postgresql://biz:\(password)@db.example:5432/highway_db?sslmode=require" }

    override func tearDown() {
        database?.drop()
    }

    private func parameters(_ connection: String) -> TaskParameters {
        TaskParameters(dbConnection: connection, businessContext: "业务", tableListFile: TaskParameters.uploadModeTableListFile,
                       fileUploadMode: true)
    }

    func test_seal_roundTrips_withAFreshNonceEachTime() throws {
        let box = ConnectionSecretBox.random()
        let first = try box.seal(url)
        let second = try box.seal(url)
        XCTAssertNotEqual(first, second)
        XCTAssertFalse(first.contains(password))
        XCTAssertEqual(try box.open(first), url)
        XCTAssertEqual(try box.open(second), url)
    }

    func test_open_refusesATamperedValueAndAnotherKey() throws {
        let box = ConnectionSecretBox.random()
        let sealed = try box.seal(url)
        var bytes = Array(Data(base64Encoded: String(sealed.dropFirst(ConnectionSecretBox.prefix.count)))!)
        bytes[bytes.count / 2] ^= 0x01
        XCTAssertThrowsError(try box.open(ConnectionSecretBox.prefix + Data(bytes).base64EncodedString()))
        XCTAssertThrowsError(try ConnectionSecretBox.random().open(sealed))
        XCTAssertThrowsError(try box.open(url))
    }

    func test_keyFile_mustBePrivateAnd32Bytes() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dp-key-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("secret.key").path
        let key = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString() + "\n"
        FileManager.default.createFile(atPath: file, contents: Data(key.utf8), attributes: [.posixPermissions: 0o644])
        XCTAssertThrowsError(try ConnectionSecretBox.load(keyFile: file)) { error in
            XCTAssertEqual((error as? ConfigurationError)?.variable, "DP_SECRET_KEY_FILE")
            XCTAssertTrue("\(error)".contains("chmod 600"), "\(error)")
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        let box = try ConnectionSecretBox.load(environment: ["DP_SECRET_KEY_FILE": file])
        XCTAssertEqual(try box.open(box.seal(url)), url)
        FileManager.default.createFile(atPath: file, contents: Data("c2hvcnQ=".utf8), attributes: [.posixPermissions: 0o600])
        XCTAssertThrowsError(try ConnectionSecretBox.load(keyFile: file))
        XCTAssertThrowsError(try ConnectionSecretBox.load(environment: [:]))
    }

    func test_taskRow_holdsNoPassword_butTheStoreReadsTheRealURL() throws {
        database = try TestDatabase(prefix: "dp_secrets")
        try MigrationRunner.migrate(database.connect())
        let store = PostgresTaskStore(session: PostgresSession(url: database.url), secrets: testSecrets)
        let task = try store.createTask(NewTask(name: "t", parameters: parameters(url), dbName: "highway_db", createdBy: "guest"), now: Date())
        let raw = try database.connect().query(PostgresQuery(
            "SELECT parameters::text AS p FROM data_pipeline_tasks WHERE task_id = $1", [task.id.rawValue]))
        let stored = try XCTUnwrap(raw.first).string("p")
        XCTAssertFalse(stored.contains(password), stored)
        XCTAssertTrue(stored.contains("postgresql://biz:***@db.example:5432/highway_db?sslmode=require"), stored)
        XCTAssertTrue(stored.contains("\"db_connection_sealed\": \"aesgcm1:"), stored)
        XCTAssertEqual(try store.task(task.id)?.parameters.dbConnection, url)
        // A URL without a password is stored as it is, with nothing sealed.
        let plain = try store.createTask(NewTask(name: "p", parameters: parameters("postgresql://biz@db.example/db"),
                                                 dbName: "db", createdBy: "guest"), now: Date())
        XCTAssertEqual(try store.task(plain.id)?.parameters.dbConnection, "postgresql://biz@db.example/db")
    }

    func test_start_sealsRowsWrittenInPlainTextBefore_once() throws {
        database = try TestDatabase(prefix: "dp_secrets")
        try MigrationRunner.migrate(database.connect())
        let legacy = String(decoding: try JSONEncoder().encode(parameters(url)), as: UTF8.self)
        let connection = try database.connect()
        try connection.execute(PostgresQuery("""
            INSERT INTO data_pipeline_tasks (task_id, task_name, parameters, db_name, by_user, created_at, updated_at)
            VALUES ('task_20250101_000000', 'legacy', $1::jsonb, 'highway_db', 'guest', now(), now())
            """, [PostgresJSON(legacy)]))
        let first = try StateDatabase.migrate(url: database.url, secrets: testSecrets)
        XCTAssertEqual(first.sealedRows, 1)
        XCTAssertEqual(try StateDatabase.migrate(url: database.url, secrets: testSecrets).sealedRows, 0)
        let stored = try XCTUnwrap(connection.query(PostgresQuery("SELECT parameters::text AS p FROM data_pipeline_tasks")).first).string("p")
        XCTAssertFalse(stored.contains(password), stored)
        let store = PostgresTaskStore(session: PostgresSession(url: database.url), secrets: testSecrets)
        XCTAssertEqual(try store.task(TaskID("task_20250101_000000")!)?.parameters.dbConnection, url)
    }
}
