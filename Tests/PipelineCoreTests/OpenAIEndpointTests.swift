import Foundation
import XCTest
@testable import PipelineCore

/// `DP_LLM_*` / `DP_EMBEDDING_*` parsing: defaults, every variable, and one clear error naming each bad one.
final class OpenAIEndpointTests: XCTestCase {
    private let llm = ["DP_LLM_BASE_URL": "https://dashscope.aliyuncs.com/compatible-mode/v1", "DP_LLM_MODEL": "qwen-plus"]
    private let embedding = ["DP_EMBEDDING_BASE_URL": "http://127.0.0.1:11434/v1", "DP_EMBEDDING_MODEL": "bge-m3"]

    private func assertRejects(_ prefix: OpenAIEndpoint.Prefix, _ environment: [String: String], naming variable: String,
                               file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try OpenAIEndpoint.fromEnvironment(prefix: prefix, env: environment), file: file, line: line) { error in
            XCTAssertEqual((error as? ConfigurationError)?.variable, variable, "\(error)", file: file, line: line)
        }
    }

    func testLLMDefaults() throws {
        let endpoint = try OpenAIEndpoint.fromEnvironment(prefix: .llm, env: llm)
        XCTAssertEqual(endpoint.baseURL.absoluteString, "https://dashscope.aliyuncs.com/compatible-mode/v1")
        XCTAssertEqual(endpoint.url("chat/completions").absoluteString,
                       "https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions")
        XCTAssertEqual(endpoint.model, "qwen-plus")
        XCTAssertNil(endpoint.apiKey)
        XCTAssertEqual(endpoint.timeoutSeconds, 60)
        XCTAssertEqual(endpoint.maxRetries, 3)
        XCTAssertEqual(endpoint.maxConcurrency, 8)
        XCTAssertTrue(endpoint.jsonMode)
        XCTAssertEqual(endpoint.extraBody, [:])
    }

    func testLLMEveryVariable() throws {
        let endpoint = try OpenAIEndpoint.fromEnvironment(prefix: .llm, env: llm.merging([
            "DP_LLM_API_KEY": "sk-abc123", "DP_LLM_TIMEOUT_S": "120", "DP_LLM_MAX_RETRIES": "0",
            "DP_LLM_MAX_CONCURRENCY": "16", "DP_LLM_JSON_MODE": "off",
            "DP_LLM_EXTRA_BODY": #"{"enable_thinking": false, "top_p": 0.8}"#,
        ]) { $1 })
        XCTAssertEqual(endpoint.apiKey, "sk-abc123")
        XCTAssertEqual(endpoint.timeoutSeconds, 120)
        XCTAssertEqual(endpoint.maxRetries, 0)
        XCTAssertEqual(endpoint.maxConcurrency, 16)
        XCTAssertFalse(endpoint.jsonMode)
        XCTAssertEqual(endpoint.extraBody, ["enable_thinking": .bool(false), "top_p": .number(0.8)])
    }

    func testEmbeddingVariables() throws {
        let defaults = try OpenAIEndpoint.fromEnvironment(prefix: .embedding, env: embedding)
        XCTAssertEqual(defaults.batchSize, 10)
        XCTAssertNil(defaults.dimension)
        let set = try OpenAIEndpoint.fromEnvironment(prefix: .embedding, env: embedding.merging([
            "DP_EMBEDDING_BATCH_SIZE": "25", "DP_EMBEDDING_DIMENSION": "1024", "DP_EMBEDDING_API_KEY": "k-1234",
        ]) { $1 })
        XCTAssertEqual(set.batchSize, 25)
        XCTAssertEqual(set.dimension, 1024)
        XCTAssertEqual(set.apiKey, "k-1234")
    }

    func testTrailingSlashAndPastedEndpointPathAreTrimmed() throws {
        for base in ["http://127.0.0.1:11434/v1/", "http://127.0.0.1:11434/v1/chat/completions", "http://127.0.0.1:11434/v1/embeddings/"] {
            let endpoint = try OpenAIEndpoint.fromEnvironment(prefix: .llm, env: ["DP_LLM_BASE_URL": base, "DP_LLM_MODEL": "m"])
            XCTAssertEqual(endpoint.url("chat/completions").absoluteString, "http://127.0.0.1:11434/v1/chat/completions", base)
        }
    }

    func testMissingBaseURLOrModelIsNamed() {
        assertRejects(.llm, ["DP_LLM_MODEL": "m"], naming: "DP_LLM_BASE_URL")
        assertRejects(.llm, ["DP_LLM_BASE_URL": "http://h/v1"], naming: "DP_LLM_MODEL")
        assertRejects(.embedding, ["DP_EMBEDDING_MODEL": "m"], naming: "DP_EMBEDDING_BASE_URL")
    }

    func testBadValuesAreNamed() {
        let cases: [(OpenAIEndpoint.Prefix, String, String)] = [
            (.llm, "DP_LLM_BASE_URL", "dashscope.aliyuncs.com/compatible-mode/v1"),
            (.llm, "DP_LLM_BASE_URL", "ftp://h/v1"),
            (.llm, "DP_LLM_BASE_URL", "http://h/v1?x=1"),
            (.llm, "DP_LLM_TIMEOUT_S", "0"),
            (.llm, "DP_LLM_TIMEOUT_S", "soon"),
            (.llm, "DP_LLM_MAX_RETRIES", "11"),
            (.llm, "DP_LLM_MAX_CONCURRENCY", "0"),
            (.llm, "DP_LLM_JSON_MODE", "maybe"),
            (.llm, "DP_LLM_EXTRA_BODY", "enable_thinking=false"),
            (.llm, "DP_LLM_EXTRA_BODY", "[1, 2]"),
            (.llm, "DP_LLM_EXTRA_BODY", #"{"model": "other"}"#),
            (.embedding, "DP_EMBEDDING_BATCH_SIZE", "0"),
            (.embedding, "DP_EMBEDDING_DIMENSION", "-5"),
            (.embedding, "DP_EMBEDDING_TIMEOUT_S", "1.5"),
        ]
        for (prefix, variable, value) in cases {
            let base = prefix == .llm ? llm : embedding
            assertRejects(prefix, base.merging([variable: value]) { $1 }, naming: variable)
        }
    }

    func testErrorsAndDescriptionsNeverShowTheKey() throws {
        let key = "sk-very-secret-key-42"
        let endpoint = try OpenAIEndpoint.fromEnvironment(prefix: .llm, env: llm.merging(["DP_LLM_API_KEY": key]) { $1 })
        XCTAssertFalse(String(describing: endpoint).contains(key))
        XCTAssertFalse(String(reflecting: endpoint).contains(key))
        XCTAssertFalse("\(endpoint)".contains(key))
        XCTAssertThrowsError(try OpenAIEndpoint.fromEnvironment(
            prefix: .llm, env: llm.merging(["DP_LLM_API_KEY": key, "DP_LLM_MAX_RETRIES": "x"]) { $1 })) { error in
            XCTAssertFalse(String(describing: error).contains(key))
        }
    }
}
