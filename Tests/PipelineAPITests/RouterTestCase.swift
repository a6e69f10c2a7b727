import Foundation
import Logging
import PipelineCore
import PipelineProviders
import PipelineStore
import Postgres
import TestSupport
import XCTest
@testable import PipelineAPI

/// Router tests start no processes (end-to-end tests do): an execute that got this far fails loudly.
struct NoWorkersHere: WorkerLauncher {
    struct Refused: Error {}
    func launch(_ launch: WorkerLaunch) throws { throw Refused() }
}

/// One key for every task store of this test process.
let testSecrets = ConnectionSecretBox.random()

/// Base class: a router over a real state database (a throw-away one) and a temporary tasks root.
class RouterTestCase: XCTestCase {
    var database: TestDatabase!
    /// This test's own temporary tree: `tasksRoot` and room around it for "nothing landed outside" checks, which
    /// look only here (the shared temporary directory belongs to every process on the machine).
    var sandbox: URL!
    var tasksRoot: URL!
    var router: APIRouter!
    var settings: APISettings!

    override func setUpWithError() throws {
        database = try TestDatabase(prefix: "dp_api")
        try MigrationRunner.migrate(database.connect())
        sandbox = FileManager.default.temporaryDirectory.appendingPathComponent("dp-api-\(UUID().uuidString)")
        tasksRoot = sandbox.appendingPathComponent("tasks", isDirectory: true)
        try FileManager.default.createDirectory(at: tasksRoot, withIntermediateDirectories: true)
        settings = APISettings(tasksRoot: tasksRoot, maxUploadBytes: 1024 * 1024, maxJSONBytes: 64 * 1024,
                               accelRedirectPrefix: nil, apiToken: nil,
                               defaultBusinessDatabaseURL: "postgresql://biz:Biz-Pa55@127.0.0.1:5432/highway_db")
        makeRouter()
    }

    override func tearDown() {
        router = nil
        if let sandbox { try? FileManager.default.removeItem(at: sandbox) }
        database?.drop()
    }

    func makeRouter() {
        let dependencies = APIDependencies(
            store: PostgresTaskStore(session: PostgresSession(url: database.url), secrets: testSecrets),
            catalog: PostgresDatabaseCatalog(), launcher: NoWorkersHere(), liveness: WorkerLiveness(timeoutSeconds: 30),
            introspector: { PostgresSchemaIntrospector(connectionURL: $0) },
            sqlValidator: { PostgresSQLValidator(connectionURL: $0, maxConnections: 1) }, llm: BuiltinLLM(),
            trainingStore: PostgresTrainingDataStore(url: database.url, maxConnections: 2),
            embedder: HashingEmbedder(), settings: settings, logger: Logger(label: "test"))
        router = APIRouter(dependencies: dependencies)
    }

    func send(_ method: String, _ target: String, json: String? = nil, contentType: String? = "application/json",
              headers: [String: String] = [:]) -> HTTPResponse {
        var allHeaders = headers
        if json != nil, let contentType { allHeaders["Content-Type"] = contentType }
        if let json { allHeaders["Content-Length"] = String(json.utf8.count) }
        return router.handle(HTTPRequest(method: method, target: target, headers: allHeaders,
                                         body: BufferedRequestBody(json ?? "")))
    }

    func sendMultipart(_ target: String, body: [UInt8], boundary: String = "XyZ") -> HTTPResponse {
        router.handle(HTTPRequest(method: "POST", target: target,
                                  headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)",
                                            "Content-Length": String(body.count)],
                                  body: BufferedRequestBody(body)))
    }

    /// A multipart body with one file part (name given as raw bytes) and optional fields.
    func multipartBody(fileName: [UInt8], content: [UInt8], fields: [String: String] = [:], boundary: String = "XyZ") -> [UInt8] {
        var body: [UInt8] = []
        for (name, value) in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"".utf8)
        body += fileName
        body += Array("\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
        body += content
        body += Array("\r\n--\(boundary)--\r\n".utf8)
        return body
    }

    func createTask(_ json: String = #"{"task_name":"测试","db_connection":"postgresql://u:S3cr3t-Pa55@db:5432/highway_db"}"#) throws -> String {
        let response = send("POST", "/api/v0/data_pipeline/tasks", json: json)
        XCTAssertEqual(response.status, 201, String(decoding: response.bodyBytes, as: UTF8.self))
        return try XCTUnwrap(data(response)["task_id"] as? String)
    }

    /// The decoded envelope; test-only use of JSONSerialization to look at the wire shape.
    func envelope(_ response: HTTPResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(response.bodyBytes))) as? [String: Any] ?? [:]
    }

    func data(_ response: HTTPResponse) -> [String: Any] {
        envelope(response)["data"] as? [String: Any] ?? [:]
    }

    /// Asserts the error envelope of API.md §1 with the given status and error type.
    func assertError(_ response: HTTPResponse, _ status: Int, _ errorType: String, file: StaticString = #filePath, line: UInt = #line) {
        let body = envelope(response)
        XCTAssertEqual(response.status, status, String(decoding: response.bodyBytes, as: UTF8.self), file: file, line: line)
        XCTAssertEqual(body["code"] as? Int, status, file: file, line: line)
        XCTAssertEqual(body["success"] as? Bool, false, file: file, line: line)
        let data = body["data"] as? [String: Any] ?? [:]
        XCTAssertEqual(data["error_type"] as? String, errorType, file: file, line: line)
        let text = data["response"] as? String ?? ""
        XCTAssertTrue(text.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF },
                      "response text should be Chinese: \(text)", file: file, line: line)
    }

    /// Every regular file below `directory`, as relative paths.
    func filesBelow(_ directory: URL) -> Set<String> {
        var result = Set<String>()
        if let enumerator = FileManager.default.enumerator(atPath: directory.path) {
            for case let path as String in enumerator {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: directory.appendingPathComponent(path).path, isDirectory: &isDirectory),
                   !isDirectory.boolValue {
                    result.insert(path)
                }
            }
        }
        return result
    }
}
