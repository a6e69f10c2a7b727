import Foundation
import PipelineCore
import TestSupport
import XCTest
@testable import PipelineProviders

/// Tests of the OpenAI-compatible clients against a fake server over real HTTP on 127.0.0.1.
class FakeOpenAITestCase: XCTestCase {
    var server: FakeOpenAIServer!
    static let apiKey = "sk-test-SECRET-0123456789"

    override func setUpWithError() throws {
        server = try FakeOpenAIServer()
    }

    override func tearDown() {
        server?.stop()
        server = nil
    }

    /// An endpoint at the fake with test-sized timeouts and backoff.
    func endpoint(model: String = "qwen-test", apiKey: String? = FakeOpenAITestCase.apiKey, timeout: Double = 5,
                  maxRetries: Int = 3, maxConcurrency: Int = 4, jsonMode: Bool = true,
                  extraBody: [String: JSONValue] = [:], batchSize: Int = 10, dimension: Int? = nil) -> OpenAIEndpoint {
        OpenAIEndpoint(baseURL: URL(string: server.baseURL)!, apiKey: apiKey, model: model, timeoutSeconds: timeout,
                       maxRetries: maxRetries, maxConcurrency: maxConcurrency, jsonMode: jsonMode, extraBody: extraBody,
                       batchSize: batchSize, dimension: dimension, retryBaseDelay: 0.01, retryMaxDelay: 0.05,
                       retryAfterCap: 5)
    }

    /// Seconds `body` took.
    func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let started = Date()
        let value = try body()
        return (value, Date().timeIntervalSince(started))
    }

    /// Runs `count` calls on `count` separate threads at once (not GCD's pool, which may run only as many as there
    /// are cores) and waits for all of them.
    func onSeparateThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let group = DispatchGroup()
        for index in 0..<count {
            group.enter()
            Thread.detachNewThread {
                body(index)
                group.leave()
            }
        }
        group.wait()
    }
}

/// The chat request fields the tests check.
struct SentChatBody: Decodable {
    struct Message: Decodable, Equatable {
        var role: String
        var content: String
    }
    struct ResponseFormat: Decodable, Equatable {
        var type: String
    }
    var model: String
    var messages: [Message]
    var temperature: Double?
    var stream: Bool?
    var responseFormat: ResponseFormat?
    var enableThinking: Bool?

    enum CodingKeys: String, CodingKey {
        case model, messages, temperature, stream
        case responseFormat = "response_format"
        case enableThinking = "enable_thinking"
    }
}

/// The embeddings request fields the tests check.
struct SentEmbeddingsBody: Decodable {
    var model: String
    var input: [String]
    var encodingFormat: String?

    enum CodingKeys: String, CodingKey {
        case model, input
        case encodingFormat = "encoding_format"
    }
}

/// A thread-safe list for results gathered on several threads.
final class LockedList<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [T] = []

    func append(_ item: T) {
        lock.withLock { items.append(item) }
    }

    var all: [T] { lock.withLock { items } }
}
