import Foundation
import XCTest
@testable import PipelineAPI

/// Issue 20: NUL in any JSON string was a 500 (3); duplicate keys were resolved silently (8b); type errors named
/// Swift properties instead of the API's fields (8d).
final class RouterStrictJSONTests: RouterTestCase {
    private func assertRefused(_ method: String, _ path: String, _ body: String, _ text: String,
                               file: StaticString = #filePath, line: UInt = #line) {
        let response = send(method, path, json: body)
        assertError(response, 400, "invalid_params", file: file, line: line)
        XCTAssertEqual(data(response)["response"] as? String, text, body, file: file, line: line)
    }

    private func nulText(_ field: String) -> String { "参数\(field)包含不允许的控制字符（如 \\u0000），请删除后重试" }

    func testNULInAnyJSONStringIs400NamingTheField() throws {
        let tasks = "/api/v0/data_pipeline/tasks"
        for field in ["task_name", "business_context", "db_name", "db_connection"] {
            assertRefused("POST", tasks, #"{"\#(field)":"a\u0000b"}"#, nulText(field))
        }
        assertRefused("POST", tasks + "/query", #"{"task_name":"\u0000"}"#, nulText("task_name"))
        assertRefused("POST", "/api/v0/training_data/query", #"{"search_keyword":"x\u0000"}"#, nulText("search_keyword"))
        assertRefused("POST", "/api/v0/training_data/create",
                      #"{"data":[{"training_data_type":"documentation","content":"a\u0000"}]}"#, nulText("data[0].content"))
        assertRefused("POST", "/api/v0/training_data/update",
                      #"{"id":"x","training_data_type":"sql","question":"\u0000","sql":"SELECT 1"}"#, nulText("question"))
        assertRefused("POST", "/api/v0/training_data/delete", #"{"ids":["a\u0000"],"confirm":true}"#, nulText("ids[0]"))
        assertRefused("POST", tasks, #"{"task_name":"bell\u0007"}"#, nulText("task_name"))
        XCTAssertEqual(send("POST", tasks, json: #"{"task_name":"t","business_context":"多行\n说明\t制表"}"#).status, 201,
                       "tab and line breaks stay allowed")
    }

    func testDuplicateJSONKeysAre400() throws {
        assertRefused("POST", "/api/v0/data_pipeline/tasks", #"{"task_name":"a","task_name":"b"}"#,
                      "JSON中存在重复的字段: task_name")
        assertRefused("POST", "/api/v0/training_data/query", #"{"page":1,"\u0070age":2}"#, "JSON中存在重复的字段: page")
        assertRefused("POST", "/api/v0/training_data/create",
                      #"{"data":[{"training_data_type":"ddl","ddl":"create table a (b int)","ddl":"x"}]}"#,
                      "JSON中存在重复的字段: data[0].ddl")
    }

    func testTrailingCommaIs400() throws {
        assertRefused("POST", "/api/v0/data_pipeline/tasks", #"{"task_name": "x",}"#, "请求体不是有效的JSON（多余的逗号）")
        assertRefused("POST", "/api/v0/training_data/delete", #"{"ids":["a",],"confirm":true}"#,
                      "请求体不是有效的JSON（多余的逗号: ids）")
    }

    func testTypeErrorsNameTheAPIField() throws {
        let id = try createTask()
        let cases: [(String, String, String)] = [
            ("/api/v0/data_pipeline/tasks", #"{"enable_sql_validation":"yes"}"#, "参数类型错误: enable_sql_validation"),
            ("/api/v0/data_pipeline/tasks", #"{"task_name":5}"#, "参数类型错误: task_name"),
            ("/api/v0/data_pipeline/tasks/query", #"{"page_size":"20"}"#, "参数类型错误: page_size"),
            ("/api/v0/training_data/search", #"{"question":"q","top_k":"5"}"#, "参数类型错误: top_k"),
            ("/api/v0/data_pipeline/tasks/\(id)/execute", #"{"skip_training":"no"}"#, "参数类型错误: skip_training"),
            ("/api/v0/training_data/delete", #"{"ids":["a",5],"confirm":true}"#, "参数类型错误: ids[1]"),
        ]
        for (path, body, text) in cases { assertRefused("POST", path, body, text) }
    }
}
