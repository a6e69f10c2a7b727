import Foundation
import XCTest
@testable import PipelineAPI

final class RouterEnvelopeTests: RouterTestCase {
    func testCreateAnswers201WithBodyCode200AndUploadModeFields() throws {
        let response = send("POST", "/api/v0/data_pipeline/tasks", json: #"{"task_name":"服务区初始化数据加载","db_name":"highway_db"}"#)
        XCTAssertEqual(response.status, 201)
        let body = envelope(response)
        XCTAssertEqual(body["code"] as? Int, 200)
        XCTAssertEqual(body["success"] as? Bool, true)
        XCTAssertEqual(body["message"] as? String, "操作成功")
        let data = data(response)
        let id = try XCTUnwrap(data["task_id"] as? String)
        XCTAssertEqual(data["response"] as? String, "任务创建成功，请上传表清单文件后再执行任务")
        XCTAssertEqual(data["file_upload_mode"] as? Bool, true)
        XCTAssertEqual(data["next_step"] as? String, "POST /api/v0/data_pipeline/tasks/\(id)/upload-table-list")
        XCTAssertEqual(data["status"] as? String, "pending")
        XCTAssertEqual(Set(data.keys), ["task_id", "task_name", "status", "created_at", "file_upload_mode", "next_step", "response", "timestamp"])
        XCTAssertNotNil((data["timestamp"] as? String)?.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$"#, options: .regularExpression))
    }

    func testStatusOfANewTaskHasExactlyTheGuideFieldsAndAMaskedPassword() throws {
        let id = try createTask()
        let response = send("GET", "/api/v0/data_pipeline/tasks/\(id)")
        XCTAssertEqual(response.status, 200)
        let data = data(response)
        XCTAssertEqual(Set(data.keys), ["task_id", "task_name", "status", "step_status", "created_at", "started_at",
                                        "completed_at", "parameters", "result", "error_message", "current_step",
                                        "total_steps", "steps", "progress", "version", "cancelled", "response", "timestamp"])
        XCTAssertEqual(data["step_status"] as? [String: String], ["ddl_generation": "pending", "qa_generation": "pending",
                                                                  "sql_validation": "pending", "training_load": "pending"])
        XCTAssertEqual(data["total_steps"] as? Int, 4)
        XCTAssertTrue(data["current_step"] is NSNull)
        XCTAssertTrue(data["result"] is NSNull)
        let parameters = try XCTUnwrap(data["parameters"] as? [String: Any])
        XCTAssertEqual(parameters["db_connection"] as? String, "postgresql://u:***@db:5432/highway_db")
        XCTAssertFalse(String(decoding: response.bodyBytes, as: UTF8.self).contains("S3cr3t-Pa55"))
        let steps = try XCTUnwrap(data["steps"] as? [[String: Any]])
        XCTAssertEqual(steps.map { $0["step_name"] as? String }, ["ddl_generation", "qa_generation", "sql_validation", "training_load"])
    }

    func testUnknownRouteIs404AndWrongMethodIs405() {
        assertError(send("GET", "/api/v0/nothing/here"), 404, "resource_not_found")
        assertError(send("PUT", "/api/v0/data_pipeline/tasks"), 405, "method_not_allowed")
    }

    /// RFC 9110: a 405 names the methods the path answers (a Schemathesis finding: it named none).
    func testWrongMethodNamesTheAllowedOnes() {
        let allow = { (response: HTTPResponse) in response.headers.first { $0.0 == "Allow" }?.1 }
        XCTAssertEqual(allow(send("PUT", "/api/v0/data_pipeline/tasks")), "DELETE, GET, HEAD, POST")
        XCTAssertEqual(allow(send("POST", "/api/v0/health")), "GET, HEAD")
        XCTAssertEqual(allow(send("GET", "/api/v0/training_data/search")), "POST")
    }

    func testSearchWithoutQuestionIsAMissingParameter() {
        assertError(send("POST", "/api/v0/training_data/search", json: "{}"), 400, "missing_required_params")
    }

    func testEncodedSlashInTaskIDIsRefusedBeforeAnyAccess() {
        assertError(send("GET", "/api/v0/data_pipeline/tasks/..%2F..%2Fetc/files"), 400, "invalid_params")
        assertError(send("GET", "/api/v0/data_pipeline/tasks/%2E%2E/files"), 400, "invalid_params")
    }

    func testUnknownTaskIs404WithTheTaskID() {
        let response = send("GET", "/api/v0/data_pipeline/tasks/task_19990101_000000")
        assertError(response, 404, "resource_not_found")
        XCTAssertEqual(data(response)["response"] as? String, "任务不存在: task_19990101_000000")
    }

    func testHealthReportsTheStateDatabase() {
        let response = send("GET", "/health")
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(data(response)["state_database"] as? String, "ok")
    }

    func testConfiguredTokenIsRequiredExceptForHealth() throws {
        settings.apiToken = "t0ken"
        makeRouter()
        assertError(send("GET", "/api/v0/data_pipeline/tasks"), 401, "unauthorized")
        assertError(send("GET", "/api/v0/data_pipeline/tasks", headers: ["Authorization": "Bearer wrong"]), 401, "unauthorized")
        XCTAssertEqual(send("GET", "/api/v0/data_pipeline/tasks", headers: ["Authorization": "Bearer t0ken"]).status, 200)
        XCTAssertEqual(send("GET", "/api/v0/health").status, 200)
    }
}

final class RouterTableListFileTests: RouterTestCase {
    func testTableListFileInsideTheConfiguredDirectoryIsCopiedIntoTheTask() throws {
        let allowed = tasksRoot.appendingPathComponent("lists")
        try FileManager.default.createDirectory(at: allowed, withIntermediateDirectories: true)
        try Data("# 清单\nbss_company\npublic.bss_branch\n".utf8).write(to: allowed.appendingPathComponent("t.txt"))
        settings.tableListDirectory = allowed
        makeRouter()
        let response = send("POST", "/api/v0/data_pipeline/tasks", json: #"{"db_name":"x","table_list_file":"t.txt"}"#)
        XCTAssertEqual(response.status, 201)
        XCTAssertEqual(data(response)["response"] as? String, "任务创建成功")
        XCTAssertNil(data(response)["file_upload_mode"])
        let id = try XCTUnwrap(data(response)["task_id"] as? String)
        let info = data(send("GET", "/api/v0/data_pipeline/tasks/\(id)/table-list-info"))
        XCTAssertEqual(info["table_names"] as? [String], ["bss_company", "public.bss_branch"])
    }

    func testTableListFileOutsideTheConfiguredDirectoryIsRefused() throws {
        settings.tableListDirectory = tasksRoot.appendingPathComponent("lists")
        makeRouter()
        for path in ["/etc/passwd", "../../etc/passwd", "lists/../../x"] {
            let response = send("POST", "/api/v0/data_pipeline/tasks", json: #"{"db_name":"x","table_list_file":"\#(path)"}"#)
            assertError(response, 400, "invalid_params")
            XCTAssertFalse(String(decoding: response.bodyBytes, as: UTF8.self).contains("root:"))
        }
    }
}
