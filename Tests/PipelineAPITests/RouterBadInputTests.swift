import Foundation
import XCTest
@testable import PipelineAPI

/// Bad input gets a clear 4xx with a Chinese text, never a 500, and writes nothing outside the task directory.
final class RouterBadInputTests: RouterTestCase {
    func testMalformedAndWronglyTypedJSONBodiesAre4xx() {
        let cases: [(String, String?, Int, String)] = [
            ("{", "application/json", 400, "invalid_params"),
            ("", "application/json", 400, "invalid_params"),
            ("null", "application/json", 400, "invalid_params"),
            ("[1,2]", "application/json", 400, "invalid_params"),
            ("42", "application/json", 400, "invalid_params"),
            (#"{"enable_sql_validation":"yes"}"#, "application/json", 400, "invalid_params"),
            (#"{"task_name":5}"#, "application/json", 400, "invalid_params"),
            (#"{"db_connection":"mysql://x"}"#, "application/json", 400, "invalid_params"),
            (#"{"task_name":"x"}"#, "text/plain", 415, "unsupported_media_type"),
        ]
        for (body, type, status, errorType) in cases {
            assertError(send("POST", "/api/v0/data_pipeline/tasks", json: body, contentType: type), status, errorType)
        }
    }

    func testUnknownFieldsWithWrongTypesAreIgnored() {
        let response = send("POST", "/api/v0/data_pipeline/tasks", json: #"{"db_name":"x","surprise":{"a":[1,null]},"n":true}"#)
        XCTAssertEqual(response.status, 201)
    }

    func testOversizedJSONBodyIs413() {
        let big = #"{"task_name":""# + String(repeating: "a", count: 70 * 1024) + #""}"#
        assertError(send("POST", "/api/v0/data_pipeline/tasks", json: big), 413, "payload_too_large")
    }

    func testTableListErrorsUseTheContractTexts() throws {
        let id = try createTask()
        let path = "/api/v0/data_pipeline/tasks/\(id)/table-list"
        let cases: [(String, String)] = [
            ("{}", "缺少必需参数：tables"),
            (#"{"tables":5}"#, "tables参数格式错误，应为字符串（逗号分隔）或数组"),
            (#"{"tables":" , ,"}"#, "表名列表不能为空"),
            (#"{"tables":"a;drop table x"}"#, "包含无效的表名格式: a;drop table x"),
        ]
        for (body, text) in cases {
            let response = send("POST", path, json: body)
            XCTAssertEqual(response.status, 400)
            XCTAssertEqual(data(response)["response"] as? String, text)
        }
        let tooMany = "{\"tables\":\"" + (1...1001).map { "t\($0)" }.joined(separator: ",") + "\"}"
        XCTAssertEqual(data(send("POST", path, json: tooMany))["response"] as? String, "表名数量不能超过 1000 个")
    }

    func testHostileUploadNamesAreRefusedAndNothingLandsOutsideTheTaskDirectory() throws {
        let id = try createTask()
        let before = filesBelow(sandbox)
        // Another process writing into the shared temporary directory meanwhile must not matter: only this test's
        // own tree is looked at.
        let neighbour = FileManager.default.temporaryDirectory.appendingPathComponent("dp-neighbour-\(UUID().uuidString)")
        try Data("other process".utf8).write(to: neighbour)
        defer { try? FileManager.default.removeItem(at: neighbour) }
        let names: [[UInt8]] = [
            Array("../escape.txt".utf8), Array("../../escape.txt".utf8), Array("/tmp/abs.txt".utf8),
            Array("\(sandbox.path)/abs.txt".utf8), Array("..".utf8), Array("a\\b.txt".utf8),
            Array("nul\u{0}.txt".utf8), Array("bell\u{7}.txt".utf8), Array("CON.txt".utf8), Array("lpt1.json".utf8),
            [0xFF, 0xFE, 0x2E, 0x74, 0x78, 0x74], Array("script.sh".utf8), Array("noext".utf8),
        ]
        for name in names {
            let response = sendMultipart("/api/v0/data_pipeline/tasks/\(id)/files",
                                         body: multipartBody(fileName: name, content: Array("x".utf8)))
            assertError(response, 400, "invalid_params")
        }
        XCTAssertEqual(filesBelow(sandbox).subtracting(before).filter { !$0.hasSuffix(".lock") }, [],
                       "no file may be written by refused uploads")
    }

    func testBrokenMultipartIs400AndLeavesNoTemporaryFile() throws {
        let id = try createTask()
        let path = "/api/v0/data_pipeline/tasks/\(id)/files"
        var truncated = multipartBody(fileName: Array("a.txt".utf8), content: Array(repeating: 65, count: 5000))
        truncated.removeLast(40)
        assertError(sendMultipart(path, body: truncated), 400, "invalid_params")
        assertError(sendMultipart(path, body: Array("no boundary here at all".utf8)), 400, "invalid_params")
        let noBoundary = router.handle(HTTPRequest(method: "POST", target: path,
                                                   headers: ["Content-Type": "multipart/form-data"],
                                                   body: BufferedRequestBody("x")))
        assertError(noBoundary, 400, "invalid_params")
        let taskFiles = try FileManager.default.contentsOfDirectory(atPath: tasksRoot.appendingPathComponent(id).path)
        XCTAssertEqual(taskFiles.filter { $0.hasSuffix(".part") || $0.hasSuffix(".tmp") }, [])
    }

    func testUploadOverTheAppLimitIs413() throws {
        let id = try createTask()
        let content = [UInt8](repeating: 66, count: 1024 * 1024 + 1)
        let response = sendMultipart("/api/v0/data_pipeline/tasks/\(id)/files",
                                     body: multipartBody(fileName: Array("big.txt".utf8), content: content))
        assertError(response, 413, "payload_too_large")
    }

    func testPageSizesOverTheMaximumAre400() {
        assertError(send("GET", "/api/v0/data_pipeline/tasks?limit=101"), 400, "invalid_params")
        assertError(send("GET", "/api/v0/data_pipeline/tasks?limit=abc"), 400, "invalid_params")
        assertError(send("POST", "/api/v0/data_pipeline/tasks/query", json: #"{"page_size":101}"#), 400, "invalid_params")
        assertError(send("POST", "/api/v0/data_pipeline/tasks/query", json: #"{"status":"running"}"#), 400, "invalid_params")
    }

    func testDeleteRefusesHostileIDsWithoutTouchingAnything() throws {
        let id = try createTask()
        let sentinel = sandbox.appendingPathComponent("sentinel-\(UUID().uuidString)")
        try Data("keep".utf8).write(to: sentinel)
        defer { try? FileManager.default.removeItem(at: sentinel) }
        let response = send("DELETE", "/api/v0/data_pipeline/tasks",
                            json: #"{"task_ids":["\#(id)","../.."],"confirm":true}"#)
        assertError(response, 400, "invalid_params")
        XCTAssertTrue(FileManager.default.fileExists(atPath: sentinel.path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: tasksRoot.appendingPathComponent(id).path))
    }
}
