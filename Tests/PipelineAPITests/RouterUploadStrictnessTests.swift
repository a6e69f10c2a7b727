import Foundation
import XCTest
@testable import PipelineAPI

/// Issue 20, 8a–8c at the routes: over-long table names, repeated form fields, invisible characters and NFC/NFD twins
/// in uploaded file names.
final class RouterUploadStrictnessTests: RouterTestCase {
    private func files(_ id: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: tasksRoot.appendingPathComponent(id).path)) ?? [])
            .filter { !$0.hasPrefix(".") }.sorted()
    }

    func testTableNamePartsOver63BytesAre400() throws {
        let id = try createTask()
        let path = "/api/v0/data_pipeline/tasks/\(id)/table-list"
        let huge = send("POST", path, json: #"{"tables":""# + String(repeating: "t", count: 60_000) + #""}"#)
        assertError(huge, 400, "invalid_params")
        XCTAssertLessThan((data(huge)["response"] as? String ?? "").count, 200, "the name is not echoed whole")
        assertError(send("POST", path, json: #"{"tables":["public.\#(String(repeating: "t", count: 64))"]}"#), 400, "invalid_params")
        XCTAssertEqual(send("POST", path, json: #"{"tables":["public.\#(String(repeating: "t", count: 63))"]}"#).status, 200)
    }

    func testRepeatedMultipartFieldsAre400AndStoreNothing() throws {
        let id = try createTask()
        let path = "/api/v0/data_pipeline/tasks/\(id)/files"
        var twoModes = Array("--XyZ\r\nContent-Disposition: form-data; name=\"overwrite_mode\"\r\n\r\nskip\r\n".utf8)
        twoModes += multipartBody(fileName: Array("a.txt".utf8), content: Array("x".utf8), fields: ["overwrite_mode": "replace"])
        let modes = sendMultipart(path, body: twoModes)
        assertError(modes, 400, "invalid_params")
        XCTAssertEqual(data(modes)["response"] as? String, "表单字段重复: overwrite_mode，每个字段只能提交一次")

        var twoFiles = Array("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b.txt\"\r\n\r\ny\r\n".utf8)
        twoFiles += multipartBody(fileName: Array("a.txt".utf8), content: Array("x".utf8))
        assertError(sendMultipart(path, body: twoFiles), 400, "invalid_params")
        assertError(sendMultipart("/api/v0/data_pipeline/tasks/\(id)/upload-table-list", body: twoFiles), 400, "invalid_params")
        XCTAssertEqual(files(id), [], "nothing stored")
        let taskFiles = try FileManager.default.contentsOfDirectory(atPath: tasksRoot.appendingPathComponent(id).path)
        XCTAssertEqual(taskFiles.filter { $0.hasSuffix(".part") }, [], "no temporary file left")
    }

    func testNULInAMultipartFieldIs400() throws {
        let id = try createTask()
        let body = multipartBody(fileName: Array("a.txt".utf8), content: Array("x".utf8), fields: ["overwrite_mode": "skip\u{0}"])
        let response = sendMultipart("/api/v0/data_pipeline/tasks/\(id)/files", body: body)
        assertError(response, 400, "invalid_params")
        XCTAssertEqual(data(response)["response"] as? String, "参数overwrite_mode包含不允许的控制字符（如 \\u0000），请删除后重试")
    }

    func testFileNamesWithBidiOrInvisibleCharactersAre400() throws {
        let id = try createTask()
        for name in ["invoice\u{202E}lmth.txt", "a\u{200B}b.txt", "\u{FEFF}a.txt", "a\u{2066}b.sql"] {
            let response = sendMultipart("/api/v0/data_pipeline/tasks/\(id)/files",
                                         body: multipartBody(fileName: Array(name.utf8), content: Array("x".utf8)))
            assertError(response, 400, "invalid_params")
        }
        XCTAssertEqual(files(id), [])
    }

    func testAnNFDTwinOfAnUploadedFileIs400() throws {
        let id = try createTask()
        let path = "/api/v0/data_pipeline/tasks/\(id)/files"
        let nfc = "caf\u{E9}.txt", nfd = "cafe\u{301}.txt"
        XCTAssertEqual(sendMultipart(path, body: multipartBody(fileName: Array(nfc.utf8), content: Array("1".utf8))).status, 200)
        let twin = sendMultipart(path, body: multipartBody(fileName: Array(nfd.utf8), content: Array("2".utf8),
                                                           fields: ["overwrite_mode": "replace"]))
        assertError(twin, 400, "invalid_params")
        XCTAssertEqual(sendMultipart(path, body: multipartBody(fileName: Array(nfc.utf8), content: Array("3".utf8),
                                                               fields: ["overwrite_mode": "replace"])).status, 200,
                       "the same spelling still replaces")
        XCTAssertEqual(files(id).map { Array($0.utf8) }, [Array(nfc.utf8)])
    }
}
