import FakeOpenAI
import Foundation
import XCTest

/// `DP_RETRY_LOST_EXECUTIONS` (issue 16): a worker killed mid-run is not the end of the execution. The responder
/// queues it again under a new execution id, a new worker resumes at the first unfinished step (the finished step's
/// files and results are kept, the model is not asked about its tables again), the log says so, and the task
/// completes.
final class LostExecutionRetryTests: PipelineRunTestCase {
    override class var fixtureScript: String? { "deploy/sample/highway_db.sql" }

    func test_aWorkerKilledInStep2_isRequeued_andTheNextWorkerResumesAtStep2_andCompletes() throws {
        let port = (URLComponents(string: stack.baseURL)?.port ?? 18084) + 52
        let model = try ModelStack(admin: admin, httpPort: port, environment: [
            "DP_RETRY_LOST_EXECUTIONS": "1", "DP_WORKER_TIMEOUT_S": "5", "DP_LLM_TIMEOUT_S": "30",
            "DP_LLM_MAX_CONCURRENCY": "1", "DP_MAX_CONCURRENT_TABLES": "1",
        ])
        defer { model.stop() }
        let client = HTTPTestClient(baseURL: model.baseURL)
        // The themes answer takes 4 s: step 2 is running long enough to kill its worker.
        let themes = FakeResponse(action: .reply, text: """
            {"themes": [{"topic_name": "服务区车流", "description": "服务区的车流量构成", "related_tables": ["bss_service_area", "bss_car_day_count"], "biz_entities": ["服务区"], "biz_metrics": ["车流量"]}]}
            """, delayMilliseconds: 4000)
        try model.fake.control.apply(FakeScript(standing: [
            "table_comments": .reply(#"{"table_comment": "模型表注释", "columns": {}}"#), "themes": themes,
            "question_pairs": .reply("""
                {"pairs": [{"question": "一共有多少个服务区？", "sql": "SELECT COUNT(*) AS 服务区数量 FROM bss_service_area WHERE delete_ts IS NULL;", "difficulty": "easy"}]}
                """),
            "database_summary": .reply("=== 数据库业务范围 ===\n高速公路服务区\n"), "sql_repair": .reply(#"{"repaired_sqls": []}"#),
        ]))
        let state = StackEnvironment.replacingDatabase(in: stack.adminDatabaseURL, with: model.stateDatabase)
        func value(_ sql: String) throws -> String? { try queryValue(sql, url: state) }

        let created = assertSuccess(try client.postJSON(EndToEndTestCase.tasksPath, ["db_connection": try fixtureURL()]), status: 201)
        let id = try XCTUnwrap(created["task_id"]?.string)
        assertSuccess(try client.postJSON(EndToEndTestCase.tasksPath + "/\(id)/table-list",
                                          ["tables": PipelineHighwaySampleTests.tables]))
        assertSuccess(try client.postJSON(EndToEndTestCase.tasksPath + "/\(id)/execute", ["execution_mode": "complete"]), status: 202)

        func waitFor(_ what: String, timeout: TimeInterval, _ done: (JSON) -> Bool) throws -> JSON {
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                let status = try client.get(EndToEndTestCase.tasksPath + "/\(id)").data
                if done(status) { return status }
                Thread.sleep(forTimeInterval: 0.1)
            }
            XCTFail("\(what) within \(Int(timeout)) s")
            throw HTTPTestClient.TransportError(request: what, underlying: "timeout")
        }
        _ = try waitFor("qa_generation running", timeout: 120) { self.step("qa_generation", of: $0)["step_status"]?.string == "running" }
        let firstExecution = try XCTUnwrap(try value("SELECT execution_id FROM data_pipeline_tasks WHERE task_id = '\(id)'"))
        let ddlStarted = try value("SELECT started_at FROM data_pipeline_task_steps WHERE task_id = '\(id)' AND step_name = 'ddl_generation'")
        let commentCalls = try model.fake.control.requestLog().requests.filter { $0.headers.contains { $0.key.lowercased() == "x-dp-prompt-kind" && $0.value == "table_comments" } }.count
        let pid = try XCTUnwrap(Int32(try XCTUnwrap(try value("SELECT worker_pid FROM data_pipeline_tasks WHERE task_id = '\(id)'"))))
        XCTAssertEqual(kill(pid, SIGKILL), 0)
        let killed = Date()

        let final = try waitFor("the resumed execution completed", timeout: 120) { $0["status"]?.string != "in_progress" }
        print("lost execution re-queued and completed \(String(format: "%.1f", Date().timeIntervalSince(killed))) s after SIGKILL of the worker")
        XCTAssertEqual(final["status"]?.string, "completed", final.description.prefix(2000).description)
        XCTAssertEqual(final["cancelled"]?.bool, false)
        XCTAssertEqual(try value("SELECT lost_retries FROM data_pipeline_tasks WHERE task_id = '\(id)'"), "1")
        XCTAssertEqual(try value("SELECT execution_id FROM data_pipeline_tasks WHERE task_id = '\(id)'"), firstExecution + "_r1",
                       "the retry runs under a new execution id: the lost worker could no longer write")
        XCTAssertEqual(try value("SELECT started_at FROM data_pipeline_task_steps WHERE task_id = '\(id)' AND step_name = 'ddl_generation'"),
                       ddlStarted, "the finished step 1 was not run again")
        let commentCallsAfter = try model.fake.control.requestLog().requests.filter { $0.headers.contains { $0.key.lowercased() == "x-dp-prompt-kind" && $0.value == "table_comments" } }.count
        XCTAssertEqual(commentCallsAfter, commentCalls, "the model was not asked about the tables again")
        for name in ["ddl_generation", "qa_generation", "sql_validation", "training_load"] {
            XCTAssertEqual(step(name, of: final)["step_status"]?.string, "completed", name)
            XCTAssertNotNil(final["result"]?[name], "the task's result holds \(name)'s summary")
        }
        let log = try String(contentsOf: model.tasksDirectory.appendingPathComponent("\(id)/data_pipeline.log"), encoding: .utf8)
        XCTAssertTrue(log.contains("执行已重新排队（第 1 次重试）：已完成的步骤 ddl_generation 保留，从步骤 qa_generation 继续执行"), String(log.suffix(3000)))
    }
}
