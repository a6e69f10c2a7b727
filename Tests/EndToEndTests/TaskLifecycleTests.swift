import Foundation
import XCTest

/// API.md §2.1 (create) and §2.4 (status of a pending task).
final class TaskLifecycleTests: EndToEndTestCase {
    static let statusKeys: Set<String> = [
        "task_id", "task_name", "status", "step_status", "created_at", "started_at", "completed_at", "parameters",
        "result", "error_message", "current_step", "total_steps", "steps", "response", "timestamp",
    ]
    /// Keys the contract allows on top of the guide's (new, optional).
    static let optionalStatusKeys: Set<String> = ["progress", "timestamp_utc", "version", "cancelled"]
    static let parameterKeys: Set<String> = [
        "business_context", "db_connection", "enable_llm_repair", "enable_sql_validation", "enable_training_data_load",
        "file_upload_mode", "modify_original_file", "table_list_file",
    ]
    static let stepNames = ["ddl_generation", "qa_generation", "sql_validation", "training_load"]
    static let taskIDPattern = #"^task_\d{8}_\d{6}(_\d+)?$"#

    func test_createTask_answers201InUploadModeWithNextStep() throws {
        let result = try client.postJSON(EndToEndTestCase.tasksPath, [
            "task_name": "服务区初始化数据加载", "db_name": "highway_db", "business_context": "高速公路服务区管理系统",
            "db_connection": EndToEndTestCase.connectionWithPassword,
        ])
        let data = assertSuccess(result, status: 201, response: "任务创建成功，请上传表清单文件后再执行任务")
        XCTAssertEqual(data.keys, ["task_id", "task_name", "status", "created_at", "file_upload_mode", "next_step",
                                   "response", "timestamp"])
        let id = try XCTUnwrap(data["task_id"]?.string)
        XCTAssertNotNil(id.range(of: TaskLifecycleTests.taskIDPattern, options: .regularExpression), id)
        XCTAssertEqual(data["task_name"]?.string, "服务区初始化数据加载")
        XCTAssertEqual(data["status"]?.string, "pending")
        XCTAssertEqual(data["file_upload_mode"], .bool(true))
        XCTAssertEqual(data["next_step"]?.string, "POST /api/v0/data_pipeline/tasks/\(id)/upload-table-list")
        let createdAt = try XCTUnwrap(data["created_at"]?.string)
        XCTAssertTrue(EnvelopeContract.isServiceTimestamp(createdAt), createdAt)
        // task_YYYYMMDD_HHMMSS is the creation second in server local time, like created_at.
        let digits = createdAt.filter(\.isNumber)
        XCTAssertTrue(id.hasPrefix("task_\(digits.prefix(8))_\(digits.dropFirst(8).prefix(6))"), "\(id) vs \(createdAt)")
        var isDirectory: ObjCBool = false
        XCTAssertTrue(FileManager.default.fileExists(atPath: stack.taskDirectory(id).path, isDirectory: &isDirectory)
                      && isDirectory.boolValue, "task directory \(stack.taskDirectory(id).path) was not created")
    }

    func test_tasksCreatedInTheSameSecond_getSuffix2() throws {
        let client = self.client!
        let name = "e2e-same-second-\(UUID().uuidString.prefix(8))"
        var allIDs: [String] = []
        var pair: (String, String)?
        for _ in 0..<6 where pair == nil {
            final class Results: @unchecked Sendable {
                let lock = NSLock()
                var answers: [Result<HTTPResult, Error>] = []
                func add(_ answer: Result<HTTPResult, Error>) { lock.lock(); answers.append(answer); lock.unlock() }
            }
            let results = Results()
            let body = JSONText.object(["task_name": name, "db_connection": EndToEndTestCase.connectionWithPassword])
            // Start just after a second boundary, so no earlier task holds this second's base id.
            let now = Date().timeIntervalSince1970
            Thread.sleep(forTimeInterval: now.rounded(.down) + 1.02 - now)
            DispatchQueue.concurrentPerform(iterations: 6) { _ in
                results.add(Result { try client.sendJSON("POST", EndToEndTestCase.tasksPath, body) })
            }
            for answer in results.answers {
                let result = try answer.get()
                let data = assertSuccess(result, status: 201)
                if let id = data["task_id"]?.string { allIDs.append(id) }
            }
            let ids = Set(allIDs)
            // A base id is `task_YYYYMMDD_HHMMSS` (20 characters); its second task of that second ends in `_2`.
            if let base = ids.filter({ $0.count == 20 }).sorted().first(where: { ids.contains($0 + "_2") }) {
                pair = (base, base + "_2")
            }
        }
        XCTAssertEqual(Set(allIDs).count, allIDs.count, "every concurrent create got its own id: \(allIDs.sorted())")
        for id in allIDs {
            XCTAssertNotNil(id.range(of: TaskLifecycleTests.taskIDPattern, options: .regularExpression), id)
        }
        let (first, second) = try XCTUnwrap(pair, "no two creates landed in one second: \(allIDs.sorted())")
        for id in [first, second] {
            assertSuccess(try client.get(taskPath(id)), response: "获取任务状态成功")
            XCTAssertTrue(FileManager.default.fileExists(atPath: stack.taskDirectory(id).path), id)
        }
    }

    func test_statusOfPendingTask_hasFourPendingStepsAndMaskedPassword() throws {
        let id = try createTask(["task_name": "状态检查", "business_context": "高速公路服务区管理系统"])
        let result = try client.get(taskPath(id))
        let data = assertSuccess(result, response: "获取任务状态成功")
        XCTAssertTrue(TaskLifecycleTests.statusKeys.isSubset(of: data.keys),
                      "missing: \(TaskLifecycleTests.statusKeys.subtracting(data.keys).sorted())")
        XCTAssertEqual(data.keys.subtracting(TaskLifecycleTests.statusKeys)
            .subtracting(TaskLifecycleTests.optionalStatusKeys), [], "keys beyond the guide's")
        XCTAssertEqual(data["task_id"]?.string, id)
        XCTAssertEqual(data["task_name"]?.string, "状态检查")
        XCTAssertEqual(data["status"]?.string, "pending")
        XCTAssertEqual(data["step_status"], .object(Dictionary(uniqueKeysWithValues:
            TaskLifecycleTests.stepNames.map { ($0, JSON.string("pending")) })))
        XCTAssertTrue(EnvelopeContract.isServiceTimestamp(data["created_at"]?.string))
        for key in ["started_at", "completed_at", "result", "error_message", "current_step"] {
            XCTAssertEqual(data[key], .null, key)
        }
        if let progress = data["progress"] { XCTAssertEqual(progress, .null, "progress of a pending task") }
        XCTAssertEqual(data["total_steps"]?.int, 4)

        let steps = try XCTUnwrap(data["steps"]?.array)
        XCTAssertEqual(steps.map { $0["step_name"]?.string ?? "?" }, TaskLifecycleTests.stepNames)
        for step in steps {
            XCTAssertEqual(step.keys, ["step_name", "step_status", "started_at", "completed_at", "error_message"])
            XCTAssertEqual(step["step_status"]?.string, "pending")
            XCTAssertEqual(step["started_at"], .null)
            XCTAssertEqual(step["completed_at"], .null)
            XCTAssertEqual(step["error_message"], .null)
        }

        let parameters = try XCTUnwrap(data["parameters"])
        XCTAssertEqual(parameters.keys, TaskLifecycleTests.parameterKeys)
        XCTAssertEqual(parameters["db_connection"]?.string, "postgresql://e2e_user:***@127.0.0.1:5432/e2e_db")
        XCTAssertEqual(parameters["business_context"]?.string, "高速公路服务区管理系统")
        XCTAssertEqual(parameters["file_upload_mode"], .bool(true))
        XCTAssertEqual(parameters["table_list_file"]?.string, "{task_directory}/table_list.txt")
        for flag in ["enable_llm_repair", "enable_sql_validation", "enable_training_data_load", "modify_original_file"] {
            XCTAssertEqual(parameters[flag], .bool(true), flag)
        }
        XCTAssertFalse(result.text.contains(EndToEndTestCase.distinctivePassword))
    }

    func test_createTask_withoutOptionalFields_usesDefaults() throws {
        let result = try client.postJSON(EndToEndTestCase.tasksPath,
                                         ["db_connection": EndToEndTestCase.connectionWithPassword])
        let data = assertSuccess(result, status: 201)
        XCTAssertEqual(data["task_name"], .null, "task_name without a name")
        let id = try XCTUnwrap(data["task_id"]?.string)
        let status = assertSuccess(try client.get(taskPath(id)))
        XCTAssertEqual(status["parameters"]?["business_context"]?.string, "数据库管理系统")
        XCTAssertEqual(status["task_name"], .null)
    }

    func test_createTask_storesFalseFlags() throws {
        let id = try createTask(["enable_sql_validation": false, "enable_llm_repair": false,
                                 "modify_original_file": false, "enable_training_data_load": false])
        let parameters = assertSuccess(try client.get(taskPath(id)))["parameters"] ?? .null
        for flag in ["enable_llm_repair", "enable_sql_validation", "enable_training_data_load", "modify_original_file"] {
            XCTAssertEqual(parameters[flag], .bool(false), flag)
        }
    }

    func test_createTask_ignoresUnknownFieldsOfAnyType() throws {
        let body = #"{"task_name": "e2e-unknown-fields", "db_connection": "\#(EndToEndTestCase.connectionWithPassword)", "#
            + #""unknown_number": 5, "unknown_object": {"a": [1, "x", null]}, "unknown_bool": "yes", "tables": 5}"#
        let result = try client.sendJSON("POST", EndToEndTestCase.tasksPath, Data(body.utf8))
        assertSuccess(result, status: 201)
    }

    func test_createdTask_isListedWithCreatedByGuestAndDbNameFromURL() throws {
        let marker = "e2e-listed-\(UUID().uuidString.prefix(8))"
        let id = try createTask(["task_name": marker])
        let data = assertSuccess(try client.postJSON(EndToEndTestCase.tasksPath + "/query", ["task_name": marker]))
        let item = try XCTUnwrap(data["tasks"]?.array?.first { $0["task_id"]?.string == id })
        XCTAssertEqual(item["created_by"]?.string, "guest")
        XCTAssertEqual(item["db_name"]?.string, "e2e_db")
        XCTAssertEqual(item["business_context"]?.string, "数据库管理系统")
        XCTAssertEqual(item["step_status"]?.string, "pending")
        XCTAssertEqual(item["directory_exists"], .bool(true))
    }

    func test_createTask_explicitDbName_winsOverURL() throws {
        let marker = "e2e-dbname-\(UUID().uuidString.prefix(8))"
        let id = try createTask(["task_name": marker, "db_name": "highway_db"])
        let data = assertSuccess(try client.postJSON(EndToEndTestCase.tasksPath + "/query", ["task_name": marker]))
        let item = try XCTUnwrap(data["tasks"]?.array?.first { $0["task_id"]?.string == id })
        XCTAssertEqual(item["db_name"]?.string, "highway_db")
    }

    /// libpq accepts `?` and `#` unencoded inside a URL's password (it looks for `@` before the first `/`), so
    /// users can and do submit such URLs; the mask must hide the whole password anyway.
    func test_status_masksPasswordsContainingURLDelimiters() throws {
        for password in ["S3cr3t?Pa55", "S3cr3t#Pa55", "S3cr3t%40Pa55"] {
            let url = "postgresql://e2e_user:\(password)@127.0.0.1:5432/e2e_db"
            let id = try createTask(["db_connection": url])
            let result = try client.get(taskPath(id))
            let shown = assertSuccess(result)["parameters"]?["db_connection"]?.string
            XCTAssertEqual(shown, "postgresql://e2e_user:***@127.0.0.1:5432/e2e_db", "password \(password)")
            XCTAssertFalse(result.text.contains(password), "password \(password) shown in \(result.printable)")
        }
    }

    func test_createTask_withoutConnection_usesTheDefaultBusinessDatabase_masked() throws {
        let marker = "e2e-default-db-\(UUID().uuidString.prefix(8))"
        let data = assertSuccess(try client.postJSON(EndToEndTestCase.tasksPath, ["task_name": marker]), status: 201)
        let id = try XCTUnwrap(data["task_id"]?.string)
        let result = try client.get(taskPath(id))
        let shown = try XCTUnwrap(assertSuccess(result)["parameters"]?["db_connection"]?.string)
        XCTAssertTrue(shown.hasPrefix("postgresql://") && shown.contains(":***@"), "not masked: \(Redaction.redact(shown))")
        for password in stack.knownPasswords { XCTAssertFalse(result.text.contains(password), "service password shown") }
        let named = assertSuccess(try client.postJSON(EndToEndTestCase.tasksPath, ["task_name": marker, "db_name": "highway_db"]),
                                  status: 201)
        let namedID = try XCTUnwrap(named["task_id"]?.string)
        let namedShown = assertSuccess(try client.get(taskPath(namedID)))["parameters"]?["db_connection"]?.string ?? ""
        XCTAssertTrue(namedShown.hasSuffix("/highway_db") && namedShown.contains(":***@"), Redaction.redact(namedShown))
        let listed = assertSuccess(try client.postJSON(EndToEndTestCase.tasksPath + "/query", ["task_name": marker]))
        let dbNames = Dictionary(uniqueKeysWithValues: (listed["tasks"]?.array ?? []).map {
            ($0["task_id"]?.string ?? "?", $0["db_name"]?.string ?? "null")
        })
        XCTAssertEqual(dbNames[namedID], "highway_db")
        XCTAssertEqual(dbNames[id], String(shown.split(separator: "/").last ?? ""), "db_name from the default URL")
    }

    func test_createTask_acceptsChunkedBody() throws {
        let body = JSONText.object(["task_name": "e2e-chunked", "db_connection": EndToEndTestCase.connectionWithPassword])
        let result = try raw.send("POST", EndToEndTestCase.tasksPath,
                                  headers: ["Content-Type": "application/json", "Transfer-Encoding": "chunked"], body: body)
        let data = assertSuccess(result, status: 201)
        XCTAssertEqual(data["task_name"]?.string, "e2e-chunked")
    }

    func test_statusOfUnknownTask_is404() throws {
        let result = try client.get(taskPath("task_19990101_000000"))
        assertFailure(result, status: 404, errorType: "resource_not_found", response: "任务不存在: task_19990101_000000")
    }
}
