import Foundation
import XCTest
@testable import PipelineAPI

/// Issue 23: every free-text field has a documented limit and a 400 naming it; a list shows a trimmed business
/// context while the status route keeps the whole text.
final class RouterTextLimitTests: RouterTestCase {
    private func assertTooLong(_ path: String, _ body: String, field: String, limit: Int,
                               file: StaticString = #filePath, line: UInt = #line) {
        let response = send("POST", path, json: body)
        assertError(response, 400, "invalid_params", file: file, line: line)
        XCTAssertEqual(data(response)["response"] as? String, "参数\(field)不能超过\(limit)个字符", file: file, line: line)
    }

    private func text(_ count: Int) -> String { String(repeating: "营", count: count) }

    func testTaskFieldsOverTheirLimitAre400() {
        let tasks = "/api/v0/data_pipeline/tasks"
        assertTooLong(tasks, #"{"task_name":"\#(text(256))"}"#, field: "task_name", limit: 255)
        assertTooLong(tasks, #"{"business_context":"\#(text(5_001))"}"#, field: "business_context", limit: 5_000)
        assertTooLong(tasks, #"{"db_name":"\#(text(129))"}"#, field: "db_name", limit: 128)
        assertTooLong(tasks, #"{"db_connection":"postgresql://u@h/\#(text(2_100))"}"#, field: "db_connection", limit: 2_048)
        XCTAssertEqual(send("POST", tasks, json: #"{"task_name":"t","business_context":"\#(text(5_000))"}"#).status, 201,
                       "exactly the limit is accepted")
    }

    func testQueryAndSearchFieldsOverTheirLimitAre400() throws {
        let id = try createTask()
        assertTooLong("/api/v0/data_pipeline/tasks/query", #"{"task_name":"\#(text(101))"}"#, field: "task_name", limit: 100)
        assertTooLong("/api/v0/data_pipeline/tasks/query", #"{"created_by":"\#(text(256))"}"#, field: "created_by", limit: 255)
        assertTooLong("/api/v0/data_pipeline/tasks/\(id)/logs/query", #"{"keyword":"\#(text(201))"}"#, field: "keyword", limit: 200)
        assertTooLong("/api/v0/training_data/query", #"{"search_keyword":"\#(text(101))"}"#, field: "search_keyword", limit: 100)
        assertTooLong("/api/v0/training_data/search", #"{"question":"\#(text(2_001))"}"#, field: "question", limit: 2_000)
    }

    func testTrainingItemQuestionOverItsLimitIsRefused() {
        let body = #"{"data":[{"training_data_type":"sql","question":"\#(text(2_001))","sql":"SELECT 1"}]}"#
        let response = send("POST", "/api/v0/training_data/create", json: body)
        XCTAssertEqual(response.status, 400)
        let answer = String(decoding: response.bodyBytes, as: UTF8.self)
        XCTAssertTrue(answer.contains("参数question不能超过2000个字符"), answer)
    }

    func testListTrimsALongBusinessContextAndStatusKeepsItWhole() throws {
        let context = text(4_000)
        let id = try createTask(#"{"task_name":"长背景","business_context":"\#(context)"}"#)
        let list = data(send("GET", "/api/v0/data_pipeline/tasks?limit=10"))
        let item = try XCTUnwrap((list["tasks"] as? [[String: Any]])?.first { $0["task_id"] as? String == id })
        XCTAssertEqual(item["business_context"] as? String, String(context.prefix(200)) + "…")
        XCTAssertEqual(item["business_context_truncated"] as? Bool, true)
        let status = data(send("GET", "/api/v0/data_pipeline/tasks/\(id)"))
        let parameters = status["parameters"] as? [String: Any]
        XCTAssertEqual(parameters?["business_context"] as? String, context)

        let short = try createTask(#"{"task_name":"短背景","business_context":"高速公路"}"#)
        let again = data(send("GET", "/api/v0/data_pipeline/tasks?limit=10"))
        let shortItem = (again["tasks"] as? [[String: Any]])?.first { $0["task_id"] as? String == short }
        XCTAssertEqual(shortItem?["business_context"] as? String, "高速公路")
        XCTAssertEqual(shortItem?["business_context_truncated"] as? Bool, false)
    }
}
