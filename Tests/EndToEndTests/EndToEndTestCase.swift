import Foundation
import XCTest

// The end-to-end tests need the whole stack (PostgreSQL, dp-fcgi, nginx); run them with
//     scripts/test.sh --filter EndToEndTests
// which starts it on private ports and exports the DP_TEST_* variables read by StackEnvironment.

/// Base of the end-to-end tests: the stack's environment, HTTP clients through the real nginx, and after every test
/// the check that no password came back in a response or reached a log.
class EndToEndTestCase: XCTestCase {
    /// A password that only ever travels inside `db_connection` values the tests send.
    static let distinctivePassword = "S3cr3t-Pa55"
    /// A business-database URL carrying the distinctive password (nothing listens there; tasks only store it).
    static let connectionWithPassword = "postgresql://e2e_user:\(distinctivePassword)@127.0.0.1:5432/e2e_db"

    static let api = "/api/v0"
    static let tasksPath = api + "/data_pipeline/tasks"
    /// The repository's root directory (fixture scripts such as `deploy/sample/highway_db.sql` live there).
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    private(set) var stack: StackEnvironment!
    private(set) var client: HTTPTestClient!
    private(set) var raw: RawHTTPClient!
    private var firstResponseOfThisTest = 0

    /// Without the stack's variables the test fails with one clear message (it is not skipped: CI must notice).
    override func invokeTest() {
        do {
            stack = try StackEnvironment.load()
        } catch {
            XCTFail("\(error)")
            return
        }
        super.invokeTest()
    }

    override func setUpWithError() throws {
        try super.setUpWithError()
        client = HTTPTestClient(baseURL: stack.baseURL)
        raw = RawHTTPClient(baseURL: stack.baseURL)
        firstResponseOfThisTest = ResponseRecorder.shared.count
    }

    override func tearDownWithError() throws {
        if let stack {
            let secrets = stack.knownPasswords + [EndToEndTestCase.distinctivePassword]
            let leaks = ResponseRecorder.shared.leaks(of: secrets, from: firstResponseOfThisTest)
            XCTAssertEqual(leaks, [], "a database password came back in a response of this test")
            for file in stack.logFiles {
                guard let contents = FileManager.default.contents(atPath: file.path) else { continue }
                let bytes = Array(contents)
                for (index, secret) in secrets.enumerated() where bytes.containsBytes(Array(secret.utf8)) {
                    XCTFail("\(file.path) contains database password #\(index + 1) (after \(name))")
                }
            }
        }
        try super.tearDownWithError()
    }

    // MARK: - Tasks

    /// Creates a task (201 asserted) and returns its id.
    @discardableResult
    func createTask(_ fields: [String: Any] = [:], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        var body = fields
        if body["task_name"] == nil { body["task_name"] = "e2e-\(name)" }
        if body["db_connection"] == nil { body["db_connection"] = EndToEndTestCase.connectionWithPassword }
        let result = try client.postJSON(EndToEndTestCase.tasksPath, body)
        let data = assertSuccess(result, status: 201, file: file, line: line)
        guard let id = data["task_id"]?.string else {
            XCTFail("create answered without task_id: \(result.printable)", file: file, line: line)
            throw HTTPTestClient.TransportError(request: result.request, underlying: "no task_id")
        }
        return id
    }

    func taskPath(_ id: String, _ suffix: String = "") -> String {
        EndToEndTestCase.tasksPath + "/" + id + suffix
    }

    /// Percent-encodes one path segment (everything but RFC 3986 unreserved characters).
    static func encodeSegment(_ text: String) -> String {
        var allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed)!
    }

    /// Uploads `content` as `fileName` through `POST …/files`.
    func upload(_ id: String, _ fileName: String, _ content: String, mode: String? = nil) throws -> HTTPResult {
        var body = MultipartBody([MultipartBody.file(fileName, text: content)])
        if let mode { body.parts.append(MultipartBody.field("overwrite_mode", mode)) }
        return try client.postMultipart(taskPath(id, "/files"), body)
    }

    /// Internal temporary files (`.dp-*`, `.upload-*`) left in a task directory.
    func temporaryFiles(in id: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: stack.taskDirectory(id).path)) ?? []
        return names.filter { ($0.hasPrefix(".dp-") && $0 != ".dp-upload.lock") || $0.hasPrefix(".upload-") }.sorted()
    }
}
