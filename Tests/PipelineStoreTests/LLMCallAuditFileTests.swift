import Foundation
import PipelineCore
import TestSupport
import XCTest
@testable import PipelineProviders

/// The audit trail of chat calls (`llm_calls.jsonl`): one JSON line per call, successes and failures, with keys and
/// database passwords masked even when a prompt or an answer carries them.
final class LLMCallAuditFileTests: FakeOpenAITestCase {
    private var directory: URL!
    private var file: URL { directory.appendingPathComponent("llm_calls.jsonl") }

    override func setUpWithError() throws {
        try super.setUpWithError()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("dp-audit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: directory)
        super.tearDown()
    }

    private func lines() throws -> [String] {
        try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    private func records() throws -> [LLMCallRecord] {
        try lines().map { try JSONDecoder().decode(LLMCallRecord.self, from: Data($0.utf8)) }
    }

    func testEveryCallIsOneLineWithItsOutcome() throws {
        let audit = LLMCallAuditFile(url: file, secrets: [Self.apiKey])
        server.enqueue([.reply(#"{"table_comment": "订单表"}"#, promptTokens: 30, completionTokens: 9)], kind: "table_comments")
        server.enqueue([.status(400, message: "bad request")], kind: "themes")
        let client = OpenAIChatClient(endpoint: endpoint(), audit: audit.hook)
        _ = try client.complete(ChatRequest(kind: .tableComments, messages: [.user("为表写注释")], wantsJSON: true))
        XCTAssertThrowsError(try client.complete(ChatRequest(kind: .themes, messages: [.user("提取主题")], wantsJSON: true)))

        let records = try records()
        XCTAssertEqual(records.count, 2)
        XCTAssertEqual(records[0].kind, "table_comments")
        XCTAssertEqual(records[0].model, "qwen-test")
        XCTAssertEqual(records[0].status, "ok")
        XCTAssertEqual(records[0].httpStatus, 200)
        XCTAssertEqual(records[0].attempts, 1)
        XCTAssertEqual(records[0].messages, [.user("为表写注释")])
        XCTAssertEqual(records[0].response, #"{"table_comment": "订单表"}"#)
        XCTAssertNil(records[0].error)
        XCTAssertEqual(records[0].promptTokens, 30)
        XCTAssertEqual(records[0].completionTokens, 9)
        XCTAssertNotNil(LocalTimestamp.parse(records[0].time))

        XCTAssertEqual(records[1].kind, "themes")
        XCTAssertEqual(records[1].status, "failed")
        XCTAssertEqual(records[1].httpStatus, 400)
        XCTAssertNil(records[1].response)
        XCTAssertTrue(records[1].error?.contains("bad request") == true)
        XCTAssertNil(audit.lastError)
    }

    func testAbsentValuesAreWrittenAsNull() throws {
        let audit = LLMCallAuditFile(url: file)
        server.enqueue([.status(500)])
        let client = OpenAIChatClient(endpoint: endpoint(maxRetries: 0), audit: audit.hook)
        _ = try? client.complete(ChatRequest(kind: .themes, messages: [.user("x")], wantsJSON: true))
        let line = try XCTUnwrap(lines().first)
        for key in ["\"response\":null", "\"prompt_tokens\":null", "\"completion_tokens\":null", "\"latency_ms\":",
                    "\"attempts\":1", "\"status\":\"failed\"", "\"http_status\":500"] {
            XCTAssertTrue(line.contains(key), "\(key) in \(line)")
        }
    }

    func testKeyAndDatabasePasswordsNeverReachTheFile() throws {
        let audit = LLMCallAuditFile(url: file, secrets: [Self.apiKey, "statepass"])
        server.enqueue([.reply("连接串 postgresql://dp:hunter2secret@db.example:5432/biz 已记录")])
        server.apply(FakeScript(queues: ["themes": [.status(401, message: "Incorrect API key provided: \(Self.apiKey)")]]))
        let client = OpenAIChatClient(endpoint: endpoint(), audit: audit.hook)
        _ = try client.complete(ChatRequest(kind: .databaseSummary, messages: [
            .user("密钥 \(Self.apiKey)，状态库 postgresql://dp:statepass@localhost/dp_state，业务库 postgres://u:p%40ss@h/db"),
        ], wantsJSON: false))
        _ = try? client.complete(ChatRequest(kind: .themes, messages: [.user("x")], wantsJSON: true))

        let text = try String(contentsOf: file, encoding: .utf8)
        XCTAssertEqual(try lines().count, 2)
        for secret in [Self.apiKey, "statepass", "hunter2secret", "p%40ss"] {
            XCTAssertFalse(text.contains(secret), "\(secret) leaked into \(text)")
        }
        XCTAssertTrue(text.contains("postgresql://dp:***@localhost/dp_state"), text)
        XCTAssertTrue(text.contains("postgresql://dp:***@db.example:5432/biz"), text)
        XCTAssertTrue(text.contains("密钥 ***"), text)
    }

    func testConcurrentCallsWriteWholeLines() throws {
        let audit = LLMCallAuditFile(url: file)
        server.setStanding(.reply(String(repeating: "长回答", count: 2000)))
        let client = OpenAIChatClient(endpoint: endpoint(maxConcurrency: 8), audit: audit.hook)
        onSeparateThreads(12) { index in
            _ = try? client.complete(ChatRequest(kind: .questionPairs, messages: [.user("主题 \(index)")], wantsJSON: true))
        }
        let records = try records()
        XCTAssertEqual(records.count, 12, "every line decodes: none interleaved")
        XCTAssertEqual(Set(records.map { $0.messages[0].content }).count, 12)
    }

    func testUnwritableFileIsReportedNotThrownIntoTheCall() throws {
        let audit = LLMCallAuditFile(url: directory.appendingPathComponent("missing/llm_calls.jsonl"))
        let client = OpenAIChatClient(endpoint: endpoint(), audit: audit.hook)
        XCTAssertNoThrow(try client.complete(ChatRequest(kind: .themes, messages: [.user("x")], wantsJSON: true)))
        XCTAssertNotNil(audit.lastError)
    }
}
