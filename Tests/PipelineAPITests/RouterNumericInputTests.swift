import Foundation
import XCTest
@testable import PipelineAPI

/// Issue 20, 1: a huge `page` trapped the responder on `(page - 1) * pageSize`. On the code before the fix these
/// requests crash the test process itself (arithmetic overflow), which is how the defect showed.
final class RouterNumericInputTests: RouterTestCase {
    func testHugePagesOfTheIssueAreAnsweredWithAnEmptyPage() throws {
        let id = try createTask()
        let logs = send("POST", "/api/v0/data_pipeline/tasks/\(id)/logs/query",
                        json: #"{"page":1000000000000000000,"page_size":500}"#)
        XCTAssertEqual(logs.status, 200, String(decoding: logs.bodyBytes, as: UTF8.self))
        XCTAssertEqual((data(logs)["logs"] as? [Any])?.count, 0)
        let tasks = send("POST", "/api/v0/data_pipeline/tasks/query", json: #"{"page":100000000000000000,"page_size":100}"#)
        XCTAssertEqual(tasks.status, 200, String(decoding: tasks.bodyBytes, as: UTF8.self))
        XCTAssertEqual((data(tasks)["tasks"] as? [Any])?.count, 0)
        XCTAssertEqual((data(tasks)["pagination"] as? [String: Any])?["has_next"] as? Bool, false)
    }

    func testEveryPagedRouteTakesIntMaxPages() throws {
        let id = try createTask()
        for path in ["/api/v0/data_pipeline/tasks/\(id)/logs/query", "/api/v0/data_pipeline/tasks/query",
                     "/api/v0/training_data/query"] {
            let response = send("POST", path, json: #"{"page":9223372036854775807,"page_size":100}"#)
            XCTAssertEqual(response.status, 200, "\(path): \(String(decoding: response.bodyBytes, as: UTF8.self))")
        }
    }

    func testOutOfRangeNumbersAre400NamingTheField() throws {
        let cases: [(String, String, String)] = [
            ("/api/v0/data_pipeline/tasks/query", #"{"page":-9223372036854775808}"#, "参数page必须是大于等于1的整数"),
            ("/api/v0/data_pipeline/tasks/query", #"{"page_size":0}"#, "参数page_size必须在1到100之间"),
            ("/api/v0/training_data/search", #"{"question":"q","top_k":-1}"#, "参数top_k必须在1到50之间"),
        ]
        for (path, body, text) in cases {
            let response = send("POST", path, json: body)
            assertError(response, 400, "invalid_params")
            XCTAssertEqual(data(response)["response"] as? String, text, body)
        }
        for body in [#"{"page":1e30}"#, #"{"page":9223372036854775808}"#, #"{"page":"1"}"#, #"{"page":1.5}"#] {
            let response = send("POST", "/api/v0/training_data/query", json: body)
            assertError(response, 400, "invalid_params")
            let text = data(response)["response"] as? String ?? ""
            XCTAssertTrue(text.hasPrefix("参数类型错误: page"), "\(body): \(text)")
        }
        let query = send("GET", "/api/v0/data_pipeline/tasks?offset=99999999999999999999")
        assertError(query, 400, "invalid_params")
        XCTAssertEqual(data(query)["response"] as? String, "参数offset必须是整数")
    }
}
