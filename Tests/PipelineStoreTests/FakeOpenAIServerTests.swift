import Foundation
import TestSupport
import XCTest
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The fake OpenAI-compatible server itself, spoken to with a plain HTTP client: OpenAI-shaped answers, scripts per
/// prompt kind, recording, latency, the control API, and the `dp-fake-openai` process.
final class FakeOpenAIServerTests: XCTestCase {
    private var server: FakeOpenAIServer!

    override func setUpWithError() throws {
        server = try FakeOpenAIServer()
    }

    override func tearDown() {
        server?.stop()
        server = nil
    }

    private struct Completion: Decodable {
        struct Choice: Decodable {
            struct Message: Decodable {
                var role: String
                var content: String
            }
            var index: Int
            var message: Message
            var finish_reason: String
        }
        struct Usage: Decodable {
            var prompt_tokens: Int
            var completion_tokens: Int
            var total_tokens: Int
        }
        var id: String
        var object: String
        var model: String
        var choices: [Choice]
        var usage: Usage
    }

    private struct Embeddings: Decodable {
        struct Item: Decodable {
            var index: Int
            var embedding: [Double]
        }
        var object: String
        var data: [Item]
        var model: String
    }

    /// One blocking HTTP exchange: status, lower-cased headers, body.
    private func call(_ method: String, _ path: String, port: UInt16? = nil, body: String? = nil,
                      headers: [String: String] = [:]) throws -> (Int, [String: String], Data) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port ?? server.port)\(path)")!, timeoutInterval: 10)
        request.httpMethod = method
        request.httpBody = body.map { Data($0.utf8) }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let done = DispatchSemaphore(value: 0)
        let result = LockedList<(Int, [String: String], Data)>()
        let failures = LockedList<String>()
        URLSession.shared.dataTask(with: request) { data, response, error in
            if let response = response as? HTTPURLResponse {
                var lowered: [String: String] = [:]
                for (name, value) in response.allHeaderFields {
                    if let name = name as? String, let value = value as? String { lowered[name.lowercased()] = value }
                }
                result.append((response.statusCode, lowered, data ?? Data()))
            } else {
                failures.append(String(describing: error))
            }
            done.signal()
        }.resume()
        XCTAssertEqual(done.wait(timeout: .now() + 15), .success)
        guard let first = result.all.first else {
            throw NSError(domain: "FakeOpenAIServerTests", code: 1, userInfo: [NSLocalizedDescriptionKey: failures.all.joined()])
        }
        return first
    }

    private func chat(kind: String? = nil, content: String = "你好") throws -> (Int, [String: String], Data) {
        try call("POST", "/v1/chat/completions",
                 body: #"{"model": "fake-model", "messages": [{"role": "user", "content": "\#(content)"}]}"#,
                 headers: kind.map { ["X-DP-Prompt-Kind": $0] } ?? [:])
    }

    private func content(_ data: Data) throws -> String {
        try JSONDecoder().decode(Completion.self, from: data).choices[0].message.content
    }

    func testChatAnswerHasOpenAIShapeAndUsage() throws {
        server.enqueue([.reply("回答", promptTokens: 11, completionTokens: 5)])
        let (status, headers, data) = try chat()
        XCTAssertEqual(status, 200)
        XCTAssertEqual(headers["content-type"], "application/json")
        let completion = try JSONDecoder().decode(Completion.self, from: data)
        XCTAssertEqual(completion.object, "chat.completion")
        XCTAssertEqual(completion.model, "fake-model")
        XCTAssertEqual(completion.choices[0].message.role, "assistant")
        XCTAssertEqual(completion.choices[0].message.content, "回答")
        XCTAssertEqual(completion.choices[0].finish_reason, "stop")
        XCTAssertEqual(completion.usage.prompt_tokens, 11)
        XCTAssertEqual(completion.usage.completion_tokens, 5)
        XCTAssertEqual(completion.usage.total_tokens, 16)
    }

    func testUnscriptedChatGetsComputedUsage() throws {
        let (_, _, data) = try chat(content: "12345678")
        let completion = try JSONDecoder().decode(Completion.self, from: data)
        XCTAssertEqual(completion.choices[0].message.content, FakeOpenAIServer.unscriptedReply)
        XCTAssertEqual(completion.usage.prompt_tokens, FakeOpenAIServer.tokenCount("12345678"))
    }

    func testQueuesArePerPromptKindWithDefaultAndStandingFallbacks() throws {
        server.enqueue([.reply("主题一"), .reply("主题二")], kind: "themes")
        server.enqueue([.reply("默认")], kind: "default")
        server.setStanding(.reply("常驻修复"), kind: "sql_repair")
        XCTAssertEqual(try content(chat(kind: "themes").2), "主题一")
        XCTAssertEqual(try content(chat(kind: "sql_repair").2), "默认", "the default queue comes before standing answers")
        XCTAssertEqual(try content(chat(kind: "themes").2), "主题二")
        XCTAssertEqual(try content(chat(kind: "sql_repair").2), "常驻修复")
        XCTAssertEqual(try content(chat(kind: "sql_repair").2), "常驻修复")
        XCTAssertEqual(try content(chat(kind: "themes").2), FakeOpenAIServer.unscriptedReply)
    }

    func testScriptedStatusCarriesRetryAfterAndErrorBody() throws {
        server.enqueue([.status(429, message: "慢一点", retryAfter: "7")])
        let (status, headers, data) = try chat()
        XCTAssertEqual(status, 429)
        XCTAssertEqual(headers["retry-after"], "7")
        XCTAssertTrue(String(decoding: data, as: UTF8.self).contains(#""message":"慢一点""#))
    }

    func testMalformedAnswerIsNotJSON() throws {
        server.enqueue([.malformedJSON])
        let (status, _, data) = try chat()
        XCTAssertEqual(status, 200)
        XCTAssertThrowsError(try JSONSerialization.jsonObject(with: data))
    }

    func testEveryRequestIsRecorded() throws {
        _ = try chat(kind: "themes", content: "记录我")
        let recorded = try XCTUnwrap(server.requests.first)
        XCTAssertEqual(recorded.method, "POST")
        XCTAssertEqual(recorded.path, "/v1/chat/completions")
        XCTAssertEqual(recorded.promptKind, "themes")
        XCTAssertTrue(recorded.body.contains("记录我"))
        _ = try call("GET", "/nothing/here")
        XCTAssertEqual(server.requests.map(\.path), ["/v1/chat/completions", "/nothing/here"])
    }

    func testUnknownPathIs404() throws {
        XCTAssertEqual(try call("POST", "/v1/completions", body: "{}").0, 404)
    }

    func testFixedLatencyDelaysEveryAnswer() throws {
        server.setLatency(milliseconds: 300)
        let started = Date()
        _ = try chat()
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 0.3)
    }

    func testEmbeddingsAreDeterministicAndShapedLikeOpenAI() throws {
        server.apply(FakeScript(embeddingDimension: 5))
        let (status, _, data) = try call("POST", "/v1/embeddings", body: #"{"model": "emb", "input": ["甲", "乙"]}"#)
        XCTAssertEqual(status, 200)
        let answer = try JSONDecoder().decode(Embeddings.self, from: data)
        XCTAssertEqual(answer.object, "list")
        XCTAssertEqual(answer.model, "emb")
        XCTAssertEqual(answer.data.map(\.index), [0, 1])
        XCTAssertEqual(answer.data[0].embedding, FakeEmbedding.vector(for: "甲", dimension: 5))
        XCTAssertEqual(answer.data[1].embedding, FakeEmbedding.vector(for: "乙", dimension: 5))
        XCTAssertNotEqual(answer.data[0].embedding, answer.data[1].embedding)
    }

    func testControlAPIScriptsRecordsAndResets() throws {
        let control = FakeOpenAIControl(port: server.port)
        try control.apply(FakeScript(queues: ["themes": [.reply("远程脚本")]]))
        try control.setLatency(milliseconds: 50)
        XCTAssertEqual(try content(chat(kind: "themes").2), "远程脚本")
        let log = try control.requestLog()
        XCTAssertEqual(log.requests.map(\.promptKind), ["themes"])
        XCTAssertEqual(log.maxInFlight, 1)
        try control.reset()
        XCTAssertEqual(try control.requestLog().requests.count, 0)
        XCTAssertEqual(try content(chat(kind: "themes").2), FakeOpenAIServer.unscriptedReply)
    }

    func testControlAPIRefusesABadScript() throws {
        XCTAssertEqual(try call("POST", "/_control/script", body: #"{"queues": 5}"#).0, 400)
        XCTAssertEqual(try call("POST", "/_control/latency", body: #"{"milliseconds": -1}"#).0, 400)
    }

    func testExecutableServesScriptsOverHTTPAndStopsCleanlyOnSIGTERM() throws {
        let process = try FakeOpenAIProcess()
        var stopped = false
        defer { if !stopped { process.stop() } }
        XCTAssertTrue(process.output.contains("listening on \(process.port)"))
        try process.control.apply(FakeScript(queues: ["table_comments": [.reply("进程内脚本")]]))
        let (status, _, data) = try call("POST", "/v1/chat/completions", port: process.port,
                                         body: #"{"model": "m", "messages": [{"role": "user", "content": "x"}]}"#,
                                         headers: ["X-DP-Prompt-Kind": "table_comments"])
        XCTAssertEqual(status, 200)
        XCTAssertEqual(try content(data), "进程内脚本")
        XCTAssertEqual(try process.control.requestLog().requests.count, 1)
        let exitStatus = process.stop()
        stopped = true
        XCTAssertEqual(exitStatus, 0)
    }
}
