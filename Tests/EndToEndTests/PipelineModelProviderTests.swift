import FakeOpenAI
import Foundation
import XCTest

/// Complete runs through nginx with `DP_LLM_PROVIDER=openai` and `DP_EMBEDDING_PROVIDER=openai` pointed at the fake
/// OpenAI-compatible server (issue 5's must-show): the happy path, every failure kind, the fallback path and repair,
/// each with the resulting files checked, and no API key or password anywhere.
final class PipelineModelProviderTests: PipelineRunTestCase {
    override class var fixtureScript: String? { "deploy/sample/highway_db.sql" }

    nonisolated(unsafe) private static var sharedModel: ModelStack?
    private var model: ModelStack!
    private var modelClient: HTTPTestClient!

    override func setUpWithError() throws {
        try super.setUpWithError()
        if Self.sharedModel == nil {
            let port = (URLComponents(string: stack.baseURL)?.port ?? 18084) + 50
            // One model call at a time (and so step 1 one table at a time), so scripted answers meet the tables in
            // table-list order.
            Self.sharedModel = try ModelStack(admin: admin, httpPort: port, environment: [
                "DP_MAX_CONCURRENT_TABLES": "1", "DP_LLM_MAX_CONCURRENCY": "1",
            ])
        }
        model = Self.sharedModel
        modelClient = HTTPTestClient(baseURL: model.baseURL)
        try model.fake.control.reset()
    }

    override func tearDownWithError() throws {
        if let model {
            for file in model.writtenFiles() {
                guard let data = FileManager.default.contents(atPath: file.path) else { continue }
                XCTAssertFalse(Array(data).containsBytes(Array(ModelStack.apiKey.utf8)), "\(file.path) contains the API key")
            }
        }
        XCTAssertEqual(ResponseRecorder.shared.leaks(of: [ModelStack.apiKey], from: 0), [], "the API key came back in a response")
        try super.tearDownWithError()
    }

    override class func tearDown() {
        sharedModel?.stop()
        sharedModel = nil
        super.tearDown()
    }

    // MARK: - Scripted answers

    static let modelTableComment = "模型表注释，测试用的业务说明"
    static let modelQuestion = "模型问题：一共有多少个服务区？"
    static let modelSQL = "SELECT COUNT(*) AS 服务区数量 FROM bss_service_area WHERE delete_ts IS NULL;"

    static func comments(_ columns: [String]) -> FakeResponse {
        let body = columns.map { "\"\($0)\": {\"comment\": \"模型字段注释\"}" }.joined(separator: ", ")
        return .reply("{\"table_comment\": \"\(modelTableComment)\", \"columns\": {\(body)}}")
    }

    static let themes = FakeResponse.reply("""
        {"themes": [{"topic_name": "服务区经营", "description": "服务区的营收与分布情况", "related_tables": ["bss_service_area", "bss_business_day_data"], "biz_entities": ["服务区", "档口"], "biz_metrics": ["营业额", "订单数"]},
                    {"topic_name": "服务区车流", "description": "服务区的车流量构成", "related_tables": ["bss_service_area", "bss_car_day_count"], "biz_entities": ["服务区", "车辆类型"], "biz_metrics": ["车流量"]}]}
        """)
    static let pairs = FakeResponse.reply("""
        ```json
        {"pairs": [{"question": "\(modelQuestion)", "sql": "\(modelSQL)", "difficulty": "easy"},
                   {"question": "模型问题：各类型的服务区各有多少个？", "sql": "SELECT service_area_type AS 服务区类型, COUNT(*) AS 数量 FROM bss_service_area WHERE delete_ts IS NULL GROUP BY service_area_type;", "difficulty": "medium"}]}
        ```
        """)
    static let summary = FakeResponse.reply("=== 数据库业务范围 ===\n当前数据库存储的是模型描述的高速公路服务区经营数据，包含以下业务数据：\n核心业务实体：\n- 服务区：服务区基础信息，主要字段：服务区名称、服务区类型\n关键业务指标：\n- 营业额：各服务区每日营业额\n")

    func standing(_ extra: [String: FakeResponse] = [:]) -> [String: FakeResponse] {
        var answers: [String: FakeResponse] = [
            "table_comments": .reply(#"{"table_comment": "\#(Self.modelTableComment)", "columns": {}}"#),
            "themes": Self.themes,
            "question_pairs": Self.pairs,
            "database_summary": Self.summary,
            "sql_repair": .reply(#"{"repaired_sqls": []}"#),
        ]
        answers.merge(extra) { _, new in new }
        return answers
    }

    // MARK: - Runs on the model stack

    func createModelTask(_ tables: [String]) throws -> String {
        let created = assertSuccess(try modelClient.postJSON(EndToEndTestCase.tasksPath,
                                                             ["db_connection": try fixtureURL(), "business_context": "高速公路服务区管理系统"]),
                                    status: 201)
        let id = try XCTUnwrap(created["task_id"]?.string)
        assertSuccess(try modelClient.postJSON(EndToEndTestCase.tasksPath + "/\(id)/table-list", ["tables": tables]))
        return id
    }

    func runOnModel(_ id: String, _ body: [String: Any], timeout: TimeInterval = 120) throws -> JSON {
        assertSuccess(try modelClient.postJSON(EndToEndTestCase.tasksPath + "/\(id)/execute", body), status: 202)
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let status = try modelClient.get(EndToEndTestCase.tasksPath + "/\(id)").data
            if let value = status["status"]?.string, value != "in_progress", value != "pending" { return status }
            Thread.sleep(forTimeInterval: 0.25)
        }
        XCTFail("run of \(id) on the model stack did not finish within \(Int(timeout)) s")
        return .null
    }

    func modelFile(_ id: String, _ name: String) -> String? {
        FileManager.default.contents(atPath: model.tasksDirectory.appendingPathComponent(id).appendingPathComponent(name).path)
            .map { String(decoding: $0, as: UTF8.self) }
    }

    func modelFileNames(_ id: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: model.tasksDirectory.appendingPathComponent(id).path)) ?? []
    }

    func auditRecords(_ id: String) -> [JSON] {
        (modelFile(id, "llm_calls.jsonl") ?? "").split(separator: "\n").compactMap { JSON.parse(Data($0.utf8)) }
    }

    /// A request header, whatever the case of its name.
    static func header(_ request: RecordedRequest, _ name: String) -> String? {
        request.headers.first { $0.key.lowercased() == name }?.value
    }

    // MARK: - Tests

    func test_happyPath_usesTheModelsAnswers_auditsEveryCall_andEmbedsWithTheModel() throws {
        try model.fake.control.apply(FakeScript(standing: standing()))
        let id = try createModelTask(["bss_section_route", "bss_service_area", "bss_car_day_count"])
        let status = try runOnModel(id, ["execution_mode": "complete"])
        XCTAssertEqual(status["status"]?.string, "completed", "\(status.description.prefix(2000))\n\(modelFile(id, "data_pipeline.log")?.suffix(3000) ?? "")")

        XCTAssertTrue(modelFile(id, "bss_section_route.ddl")?.contains(Self.modelTableComment) ?? false, "the model's table comment")
        XCTAssertTrue(modelFile(id, "bss_service_area.ddl")?.contains("服务区基础信息表") ?? false, "an existing comment is kept")
        let pairFile = try XCTUnwrap(modelFileNames(id).first { $0.hasSuffix("_pair.json") })
        let pairs = try XCTUnwrap(modelFile(id, pairFile).flatMap { JSON.parse(Data($0.utf8)) }?.array)
        XCTAssertTrue(pairs.contains { $0["question"]?.string == Self.modelQuestion }, "\(pairs)")
        XCTAssertEqual(pairs.filter { $0["question"]?.string == Self.modelQuestion }.count, 1, "duplicates across themes dropped")
        XCTAssertTrue(modelFile(id, "db_query_decision_prompt.txt")?.contains("模型描述的高速公路服务区") ?? false)
        XCTAssertTrue(modelFile(id, "metadata.txt")?.contains("服务区经营") ?? false)

        let records = auditRecords(id)
        let kinds = Set(records.compactMap { $0["kind"]?.string })
        XCTAssertEqual(kinds, ["table_comments", "themes", "question_pairs", "database_summary"], "\(kinds)")
        XCTAssertTrue(records.allSatisfy { $0["error"] == .null && ($0["latency_ms"]?.int ?? $0["latency_milliseconds"]?.int ?? -1) >= 0 },
                      "\(records.prefix(2))")
        XCTAssertTrue(modelFile(id, "data_pipeline.log")?.contains("模型调用 [question_pairs]") ?? false, "per-call latency in the task log")

        let load = status["result"]?["training_load"] ?? .null
        XCTAssertEqual(load["embedding_model"]?.string, "fake-embedding", load.description)
        let requests = try model.fake.control.requestLog()
        XCTAssertTrue(requests.requests.contains { $0.path.hasSuffix("/embeddings") }, "vectors came from the embeddings endpoint")
        XCTAssertTrue(requests.requests.allSatisfy { Self.header($0, "authorization") == "Bearer \(ModelStack.apiKey)" || $0.path.hasPrefix("/_control") })

        // The fake's vectors are random per text (no meaning), so the query is a pair's exact embedded text
        // (question and SQL): its vector is the stored one, and it must come first with the model's embedder.
        let hits = assertSuccess(try modelClient.postJSON(EndToEndTestCase.api + "/training_data/search",
                                                          ["question": "\(Self.modelQuestion)\n\(Self.modelSQL)", "top_k": 3, "types": ["sql"]]))
        XCTAssertEqual(hits["results"]?.array?.first?["question"]?.string, Self.modelQuestion)
        XCTAssertEqual(hits["embedding_model"]?.string, "fake-embedding")
    }

    func test_failureKinds_429_500_timeout_malformed_areRetriedOrFallenBack_andTheRunCompletes() throws {
        // Step 1 asks once per table, in list order: 429 then an answer; three 500s (the budget: 1 + 2 retries);
        // a hang (timeout) then an answer. Step 2: the first pair answer is not JSON (retried with feedback).
        let answer = Self.comments([])
        try model.fake.control.apply(FakeScript(queues: [
            "table_comments": [.status(429, message: "rate limited", retryAfter: "1"), answer,
                                                .status(500), .status(500), .status(500),
                                                .hang, answer],
            "question_pairs": [.reply("抱歉，这次没有生成 JSON。")],
        ], standing: standing()))
        let id = try createModelTask(["bss_branch", "bss_business_day_data", "bss_section_route"])
        let status = try runOnModel(id, ["execution_mode": "complete"])
        XCTAssertEqual(status["status"]?.string, "completed", "\(status.description.prefix(2000))")

        XCTAssertTrue(modelFile(id, "bss_branch.ddl")?.contains(Self.modelTableComment) ?? false, "answered after a 429")
        XCTAssertFalse(modelFile(id, "bss_business_day_data.ddl")?.contains(Self.modelTableComment) ?? true, "500s: the built-in comment")
        XCTAssertTrue(modelFile(id, "bss_business_day_data.ddl")?.contains("-- 中文名:") ?? false)
        XCTAssertTrue(modelFile(id, "bss_section_route.ddl")?.contains(Self.modelTableComment) ?? false, "answered after a timeout")

        let comments = auditRecords(id).filter { $0["kind"]?.string == "table_comments" }
        XCTAssertEqual(comments.count, 3, "one record per call")
        XCTAssertEqual(comments.compactMap { $0["attempts"]?.int }, [2, 3, 2], "\(comments)")
        XCTAssertEqual(comments.filter { $0["error"] != .null }.count, 1)
        let log = modelFile(id, "data_pipeline.log") ?? ""
        XCTAssertTrue(log.contains("改用builtin的结果"), "the fallback is logged")
        XCTAssertTrue(log.contains("带错误说明重试一次"), "the unusable pair answer was retried")
        let retried = try model.fake.control.requestLog().requests.filter { Self.header($0, "x-dp-prompt-kind") == "question_pairs" }
        XCTAssertTrue(retried.contains { $0.body.contains("你上一次的回答不能使用") },
                      "the retry feeds the error back")
    }

    /// Issue 17: the responder takes its model from the same factory as the worker (it used the built-in one always).
    func test_tableDDLRoute_usesTheConfiguredModel_likeStepOne() throws {
        try model.fake.control.apply(FakeScript(standing: standing()))
        let data = assertSuccess(try modelClient.postJSON(EndToEndTestCase.api + "/database/table/ddl",
                                                          ["table": "bss_section_route", "type": "both",
                                                           "db_connection": try fixtureURL()]))
        XCTAssertTrue(data["ddl"]?.string?.contains(Self.modelTableComment) ?? false, data.description.prefix(1500).description)
        XCTAssertEqual(data["generation_info"]?["has_llm_comments"]?.bool, true)
        XCTAssertTrue(data["generation_info"]?["llm_provider"]?.string?.hasPrefix("openai") ?? false, data["generation_info"]?.description ?? "")
        let kinds = try model.fake.control.requestLog().requests.compactMap { Self.header($0, "x-dp-prompt-kind") }
        XCTAssertEqual(kinds, ["table_comments"], "one comment call, nothing else")
    }

    func test_modelDown_everythingFallsBackToTheBuiltInProvider() throws {
        var down: [String: FakeResponse] = [:]
        for kind in ["table_comments", "themes", "question_pairs", "sql_repair", "database_summary"] {
            down[kind] = .status(503, message: "maintenance")
        }
        try model.fake.control.apply(FakeScript(standing: down))
        let id = try createModelTask(["bss_service_area", "bss_business_day_data"])
        let status = try runOnModel(id, ["execution_mode": "complete"])
        XCTAssertEqual(status["status"]?.string, "completed", "\(status.description.prefix(2000))")
        XCTAssertGreaterThan(status["result"]?["qa_generation"]?["total_questions"]?.int ?? 0, 0)
        XCTAssertEqual(status["result"]?["sql_validation"]?["invalid_sql_count"]?.int, 0)
        let pairFile = try XCTUnwrap(modelFileNames(id).first { $0.hasSuffix("_pair.json") })
        XCTAssertFalse(modelFile(id, pairFile)?.contains("模型问题") ?? true)
        XCTAssertTrue(modelFile(id, "db_query_decision_prompt.txt")?.hasPrefix("=== 数据库业务范围 ===") ?? false)
        XCTAssertTrue(auditRecords(id).allSatisfy { $0["error"] != .null }, "every call failed and was recorded")
    }

    func test_repair_fixesAnUnknownColumn_andRemovesWhatTheModelCannotFix() throws {
        let fixed = "SELECT SUM(pay_sum) AS 支付总额 FROM bss_business_day_data WHERE delete_ts IS NULL;"
        try model.fake.control.apply(FakeScript(standing: standing([
            "sql_repair": .reply(#"{"repaired_sqls": ["\#(fixed)", null]}"#),
        ])))
        let id = try createModelTask(["bss_business_day_data"])
        _ = try runOnModel(id, ["execution_mode": "step", "step_name": "ddl_generation"])
        let entries: [[String: Any]] = [
            ["question": "营业日数据有多少条？", "sql": "SELECT COUNT(*) AS 数量 FROM bss_business_day_data;"],
            ["question": "支付总额是多少？", "sql": "SELECT SUM(pay_total) AS 支付总额 FROM bss_business_day_data;"],
            ["question": "无法修复的问题", "sql": "SELECT mystery FROM nowhere;"],
        ]
        let body = MultipartBody([MultipartBody.file("qs_model_pair.json", content: try JSONSerialization.data(withJSONObject: entries))])
        assertSuccess(try modelClient.postMultipart(EndToEndTestCase.tasksPath + "/\(id)/files", body))

        let status = try runOnModel(id, ["execution_mode": "step", "step_name": "sql_validation"])
        let result = status["result"]?["sql_validation"] ?? .null
        XCTAssertEqual(result["repair_stats"]?["attempted"]?.int, 2, result.description)
        XCTAssertEqual(result["repair_stats"]?["successful"]?.int, 1)
        XCTAssertEqual(result["valid_sql_count"]?.int, 2)
        let rewritten = try XCTUnwrap(modelFile(id, "qs_model_pair.json").flatMap { JSON.parse(Data($0.utf8)) }?.array)
        XCTAssertEqual(rewritten.compactMap { $0["sql"]?.string }, [entries[0]["sql"] as! String, fixed])
        let summaryName = try XCTUnwrap(modelFileNames(id).first { $0.hasSuffix("_summary.log") })
        let summary = modelFile(id, summaryName) ?? ""
        XCTAssertTrue(summary.contains("无法修复的问题"), "the unfixable pair is kept in the summary log")
        XCTAssertTrue(summary.contains(fixed))
    }

    /// Issue 13: a pair whose SQL returns nothing is filtered by the execution check and the model is asked again with
    /// the reason; its rewrite replaces the pair in place once it runs `ok`.
    func test_anEmptyPair_isRewrittenByTheModelWithTheReason_andReplacedInPlace() throws {
        let rewrite = "SELECT service_area_type AS 服务区类型, COUNT(*) AS 服务区数量 FROM bss_service_area WHERE delete_ts IS NULL GROUP BY service_area_type;"
        try model.fake.control.apply(FakeScript(standing: standing([
            "sql_repair": .reply(#"{"repaired_sqls": ["\#(rewrite)"]}"#),
        ])))
        let id = try createModelTask(["bss_service_area"])
        _ = try runOnModel(id, ["execution_mode": "step", "step_name": "ddl_generation"])
        let entries: [[String: Any]] = [
            ["question": "不存在的服务区有哪些？", "sql": "SELECT service_area_name AS 服务区 FROM bss_service_area WHERE service_area_name = '不存在的服务区';"],
            ["question": "一共有多少个服务区？", "sql": "SELECT COUNT(*) AS 数量 FROM bss_service_area WHERE delete_ts IS NULL;"],
        ]
        let body = MultipartBody([MultipartBody.file("qs_model_pair.json", content: try JSONSerialization.data(withJSONObject: entries))])
        assertSuccess(try modelClient.postMultipart(EndToEndTestCase.tasksPath + "/\(id)/files", body))

        let status = try runOnModel(id, ["execution_mode": "step", "step_name": "sql_validation"])
        let check = status["result"]?["sql_validation"]?["execution_check"] ?? .null
        XCTAssertEqual(check["filtered"]?.int, 1, check.description)
        XCTAssertEqual(check["replaced"]?.int, 1, check.description)
        let rewritten = try XCTUnwrap(modelFile(id, "qs_model_pair.json").flatMap { JSON.parse(Data($0.utf8)) }?.array)
        XCTAssertEqual(rewritten.compactMap { $0["sql"]?.string }, [rewrite, entries[1]["sql"] as! String], "replaced in place")
        XCTAssertEqual(rewritten.first?["question"]?.string, entries[0]["question"] as? String)
        let asked = try model.fake.control.requestLog().requests.filter { $0.body.contains("执行检查未通过") }
        XCTAssertEqual(asked.count, 1, "the model was told why the pair was filtered")
    }
}
