import Foundation
import PipelineCore
import TestSupport
import XCTest
@testable import PipelineProviders

/// `OpenAIChatClient` against the fake server over real HTTP: request shape, retries and backoff, timeouts,
/// failures, the concurrency bound, and that neither the key nor the prompt ever shows in an error.
final class OpenAIChatClientTests: FakeOpenAITestCase {
    private func request(_ kind: PromptKind = .themes, wantsJSON: Bool = true, user: String = "列出主题") -> ChatRequest {
        ChatRequest(kind: kind, messages: [.system("你是数据分析助手"), .user(user)], wantsJSON: wantsJSON)
    }

    private func failure(_ body: () throws -> ChatAnswer, file: StaticString = #filePath, line: UInt = #line) -> ChatFailure? {
        do {
            let answer = try body()
            XCTFail("expected a ChatFailure, got answer \(answer.text)", file: file, line: line)
            return nil
        } catch let failure as ChatFailure {
            return failure
        } catch {
            XCTFail("expected a ChatFailure, got \(error)", file: file, line: line)
            return nil
        }
    }

    // MARK: - Request shape

    func testHappyPathSendsOpenAIShapedRequestAndReadsContentAndUsage() throws {
        server.enqueue([.reply(#"{"themes": []}"#, promptTokens: 42, completionTokens: 7)], kind: "themes")
        let client = OpenAIChatClient(endpoint: endpoint(extraBody: ["enable_thinking": .bool(false)]))
        let answer = try client.complete(request())

        XCTAssertEqual(answer.text, #"{"themes": []}"#)
        XCTAssertEqual(answer.promptTokens, 42)
        XCTAssertEqual(answer.completionTokens, 7)
        XCTAssertEqual(answer.attempts, 1)
        XCTAssertGreaterThan(answer.latency, 0)
        XCTAssertEqual(client.name, "openai:qwen-test")

        let sent = try XCTUnwrap(server.requests.first)
        XCTAssertEqual(server.requests.count, 1)
        XCTAssertEqual(sent.method, "POST")
        XCTAssertEqual(sent.path, "/v1/chat/completions")
        XCTAssertEqual(sent.headers["authorization"], "Bearer \(Self.apiKey)")
        XCTAssertEqual(sent.headers["x-dp-prompt-kind"], "themes")
        XCTAssertEqual(sent.headers["content-type"], "application/json")
        let body = try XCTUnwrap(sent.decodedBody(SentChatBody.self), sent.body)
        XCTAssertEqual(body.model, "qwen-test")
        XCTAssertEqual(body.messages, [.init(role: "system", content: "你是数据分析助手"), .init(role: "user", content: "列出主题")])
        XCTAssertEqual(body.temperature, 0.2)
        XCTAssertEqual(body.stream, false)
        XCTAssertEqual(body.responseFormat, .init(type: "json_object"))
        XCTAssertEqual(body.enableThinking, false, "extra body fields are merged in")
    }

    func testNoAuthorizationHeaderWithoutKey() throws {
        _ = try OpenAIChatClient(endpoint: endpoint(apiKey: nil)).complete(request())
        XCTAssertNil(try XCTUnwrap(server.requests.first).headers["authorization"])
    }

    func testJSONModeOffOrPlainTextRequestSendsNoResponseFormat() throws {
        _ = try OpenAIChatClient(endpoint: endpoint(jsonMode: false)).complete(request(wantsJSON: true))
        _ = try OpenAIChatClient(endpoint: endpoint(jsonMode: true)).complete(request(wantsJSON: false))
        let bodies = server.requests.compactMap { $0.decodedBody(SentChatBody.self) }
        XCTAssertEqual(bodies.count, 2)
        XCTAssertEqual(bodies.map { $0.responseFormat == nil }, [true, true])
    }

    func testExtraBodyMayOverrideTemperature() throws {
        _ = try OpenAIChatClient(endpoint: endpoint(extraBody: ["temperature": .number(0.7)])).complete(request())
        XCTAssertEqual(try XCTUnwrap(server.requests.first?.decodedBody(SentChatBody.self)).temperature, 0.7)
    }

    func testBasePathIsKeptAndNeverDoubled() throws {
        for base in ["\(server.port)/compatible-mode/v1", "\(server.port)/compatible-mode/v1/",
                     "\(server.port)/compatible-mode/v1/chat/completions"] {
            let settings = OpenAIEndpoint(baseURL: URL(string: "http://127.0.0.1:\(base)")!, model: "qwen-test")
            _ = try OpenAIChatClient(endpoint: settings).complete(request())
        }
        XCTAssertEqual(server.requests.map(\.path), Array(repeating: "/compatible-mode/v1/chat/completions", count: 3))
    }

    // MARK: - Retries

    func testRateLimitWithRetryAfterIsHonouredThenSucceeds() throws {
        server.enqueue([.status(429, message: "rate limited", retryAfter: "1"), .reply("第二次成功")], kind: "themes")
        let (answer, elapsed) = try timed { try OpenAIChatClient(endpoint: endpoint()).complete(request()) }
        XCTAssertEqual(answer.text, "第二次成功")
        XCTAssertEqual(answer.attempts, 2)
        XCTAssertEqual(server.requests.count, 2)
        XCTAssertGreaterThanOrEqual(elapsed, 1.0, "waited at least Retry-After")
        XCTAssertGreaterThanOrEqual(answer.latency, 1.0)
        let gap = server.requests[1].receivedAt - server.requests[0].receivedAt
        XCTAssertGreaterThanOrEqual(gap, 0.95, "the second attempt came after Retry-After")
    }

    func testRetryAfterBeyondTheCapIsCapped() throws {
        server.enqueue([.status(503, retryAfter: "3600"), .reply("ok")])
        var settings = endpoint()
        settings.retryAfterCap = 0.3
        let (answer, elapsed) = try timed { try OpenAIChatClient(endpoint: settings).complete(request()) }
        XCTAssertEqual(answer.attempts, 2)
        XCTAssertLessThan(elapsed, 3)
    }

    func testServerErrorsExhaustRetriesIntoFailureWithStatusAndMessage() {
        server.enqueue(Array(repeating: .status(500, message: "upstream exploded"), count: 4))
        let failure = failure { try OpenAIChatClient(endpoint: endpoint(maxRetries: 2)).complete(request()) }
        XCTAssertEqual(server.requests.count, 3, "first attempt + 2 retries")
        let text = failure?.description ?? ""
        XCTAssertTrue(text.contains("HTTP 500"), text)
        XCTAssertTrue(text.contains("upstream exploded"), text)
        XCTAssertTrue(text.contains("共尝试 3 次"), text)
    }

    func testClientErrorIsNotRetried() {
        server.enqueue([.status(400, message: "model not supported"), .reply("never")])
        let failure = failure { try OpenAIChatClient(endpoint: endpoint()).complete(request()) }
        XCTAssertEqual(server.requests.count, 1)
        XCTAssertTrue(failure?.description.contains("HTTP 400") == true, failure?.description ?? "")
        XCTAssertTrue(failure?.description.contains("model not supported") == true)
    }

    func testEndpointMessageIsCutTo300Characters() {
        server.enqueue([.status(500, message: String(repeating: "错", count: 2000))])
        let failure = failure { try OpenAIChatClient(endpoint: endpoint(maxRetries: 0)).complete(request()) }
        let text = failure?.description ?? ""
        XCTAssertTrue(text.contains(String(repeating: "错", count: 300)))
        XCTAssertFalse(text.contains(String(repeating: "错", count: 301)))
        XCTAssertLessThan(text.count, 400)
    }

    func testTimeoutIsRetriedThenFailsWithinTheBound() {
        server.enqueue([.hang, .hang, .hang])
        let client = OpenAIChatClient(endpoint: endpoint(timeout: 0.5, maxRetries: 1))
        let (failure, elapsed): (ChatFailure?, Double) = timed { self.failure { try client.complete(request()) } }
        XCTAssertEqual(server.requests.count, 2)
        XCTAssertTrue(failure?.description.contains("超时") == true, failure?.description ?? "")
        XCTAssertGreaterThanOrEqual(elapsed, 1.0, "two attempts of 0.5 s")
        XCTAssertLessThan(elapsed, 2 * (0.5 + 0.5) + 0.5, "each attempt ends at its timeout (plus the grace)")
    }

    func testSlowAnswerWithinTheTimeoutSucceeds() throws {
        server.enqueue([FakeResponse.reply("慢但及时").delayed(by: 300)])
        let answer = try OpenAIChatClient(endpoint: endpoint(timeout: 2)).complete(request())
        XCTAssertEqual(answer.text, "慢但及时")
        XCTAssertEqual(answer.attempts, 1)
    }

    func testConnectionClosedWithoutAnswerIsRetried() throws {
        server.enqueue([.disconnect, .reply("ok")])
        let answer = try OpenAIChatClient(endpoint: endpoint()).complete(request())
        XCTAssertEqual(answer.text, "ok")
        XCTAssertEqual(answer.attempts, 2)
    }

    func testRefusedConnectionFailsAfterRetries() throws {
        let port = server.port
        server.stop()
        let settings = OpenAIEndpoint(baseURL: URL(string: "http://127.0.0.1:\(port)/v1")!, model: "m", timeoutSeconds: 2,
                                      maxRetries: 2, retryBaseDelay: 0.01, retryMaxDelay: 0.02)
        let failure = failure { try OpenAIChatClient(endpoint: settings).complete(request()) }
        let text = failure?.description ?? ""
        XCTAssertTrue(text.contains("无法连接"), text)
        XCTAssertTrue(text.contains("共尝试 3 次"), text)
    }

    func testMalformedJSONBodyIsAFailureWithoutRetry() {
        server.enqueue([.malformedJSON, .reply("never")])
        let failure = failure { try OpenAIChatClient(endpoint: endpoint()).complete(request()) }
        XCTAssertEqual(server.requests.count, 1)
        XCTAssertTrue(failure?.description.contains("应答格式无效") == true, failure?.description ?? "")
    }

    func testCompletionWithoutContentIsAFailure() {
        server.enqueue([.rawBody(#"{"choices": [{"index": 0, "message": {"role": "assistant", "content": null}}]}"#)])
        let failure = failure { try OpenAIChatClient(endpoint: endpoint()).complete(request()) }
        XCTAssertTrue(failure?.description.contains("choices[0].message.content") == true, failure?.description ?? "")
    }

    // MARK: - Secrets

    func testKeyEchoedByTheEndpointNeverAppearsInTheError() {
        server.apply(FakeScript(requiredAPIKey: "the-right-key"))
        let failure = failure {
            try OpenAIChatClient(endpoint: endpoint()).complete(request(user: "PROMPT-MARKER 统计营收"))
        }
        let text = failure?.description ?? ""
        XCTAssertTrue(text.contains("HTTP 401"), text)
        XCTAssertTrue(text.contains("Incorrect API key provided: ***"), text)
        XCTAssertFalse(text.contains(Self.apiKey), text)
        XCTAssertFalse(text.contains("PROMPT-MARKER"), "the prompt is never part of an error")
        XCTAssertEqual(server.requests.count, 1, "401 is not retried")
    }

    func testEndpointDescriptionsNeverShowTheKey() {
        let settings = endpoint()
        XCTAssertFalse(settings.description.contains(Self.apiKey))
        XCTAssertFalse(settings.debugDescription.contains(Self.apiKey))
        XCTAssertFalse(String(describing: settings).contains(Self.apiKey))
        XCTAssertFalse(String(reflecting: settings).contains(Self.apiKey))
        XCTAssertTrue(settings.debugDescription.contains("key: ***"))
    }

    // MARK: - Concurrency

    func testConcurrencyBoundHoldsOverManyCallingThreads() {
        server.setLatency(milliseconds: 150)
        let client = OpenAIChatClient(endpoint: endpoint(maxConcurrency: 2))
        let errors = LockedList<String>()
        let call = request()
        let (_, elapsed) = timed {
            onSeparateThreads(8) { _ in
                do { _ = try client.complete(call) } catch { errors.append("\(error)") }
            }
        }
        XCTAssertEqual(errors.all, [])
        XCTAssertEqual(server.requests.count, 8)
        XCTAssertEqual(server.maxInFlight, 2, "never more than the bound, and the bound is used")
        XCTAssertGreaterThanOrEqual(elapsed, 4 * 0.15, "8 calls through 2 slots take 4 rounds")
    }

    func testWiderBoundLetsMoreCallsRunAtOnce() {
        server.setLatency(milliseconds: 300)
        let client = OpenAIChatClient(endpoint: endpoint(maxConcurrency: 8))
        let call = request()
        onSeparateThreads(8) { _ in _ = try? client.complete(call) }
        XCTAssertGreaterThan(server.maxInFlight, 2, "the bound above is what limited it, not the test or the fake")
    }

    func testCallsFromBlockedGCDThreadsDoNotStall() {
        // Every GCD worker blocks in a call; URLSession's completion handlers must still run (they once waited for
        // GCD's pool monitor to add a thread, about a second per round).
        server.setLatency(milliseconds: 50)
        let client = OpenAIChatClient(endpoint: endpoint(maxConcurrency: 8))
        let call = request()
        let (_, elapsed) = timed {
            let group = DispatchGroup()
            for _ in 0..<8 {
                DispatchQueue.global().async(group: group) { _ = try? client.complete(call) }
            }
            group.wait()
        }
        XCTAssertEqual(server.requests.count, 8)
        XCTAssertLessThan(elapsed, 0.9)
    }

    func testCallsFromSwiftConcurrencyTasksDoNotStall() async {
        server.setLatency(milliseconds: 50)
        let client = OpenAIChatClient(endpoint: endpoint(maxConcurrency: 8))
        let call = request()
        let started = Date()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask { _ = try? client.complete(call) }
            }
        }
        XCTAssertEqual(server.requests.count, 8)
        XCTAssertLessThan(Date().timeIntervalSince(started), 0.9)
    }

    func testManyThreadsShareOneClientWithoutFailures() {
        // URLSession from plain blocking threads, many at once: every call gets its own answer.
        let client = OpenAIChatClient(endpoint: endpoint(maxConcurrency: 8))
        let errors = LockedList<String>()
        let answers = LockedList<String>()
        let server = self.server!
        let (_, elapsed) = timed {
            onSeparateThreads(16) { thread in
                for call in 0..<25 {
                    let marker = "t\(thread)-c\(call)"
                    server.enqueue([.reply(marker)], kind: "sql_repair")
                    do {
                        let answer = try client.complete(ChatRequest(kind: .sqlRepair, messages: [.user(marker)], wantsJSON: false))
                        answers.append(answer.text)
                    } catch {
                        errors.append("\(marker): \(error)")
                    }
                }
            }
        }
        XCTAssertEqual(errors.all, [])
        let markers = (0..<16).flatMap { thread in (0..<25).map { "t\(thread)-c\($0)" } }
        XCTAssertEqual(answers.all.sorted(), markers.sorted(), "every scripted answer reached exactly one caller")
        XCTAssertEqual(server.requests.count, 400)
        XCTAssertLessThanOrEqual(server.maxInFlight, 8)
        print("400 chat calls from 16 threads through one client (bound 8): \(String(format: "%.2f", elapsed)) s")
    }
}
