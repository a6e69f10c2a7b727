import Foundation
import PipelineCore
import TestSupport
import XCTest
@testable import PipelineProviders

/// `OpenAICompatibleEmbedder` against the fake server: batching, order by `index`, normalisation, dimension
/// checks, blank texts, and retries.
final class OpenAICompatibleEmbedderTests: FakeOpenAITestCase {
    private func assertVectors(_ vectors: [[Float]], equalUnitVectorsOf texts: [String], dimension: Int = 16,
                               file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(vectors.count, texts.count, file: file, line: line)
        for (vector, text) in zip(vectors, texts) {
            let expected = FakeEmbedding.unitVector(for: text, dimension: dimension)
            XCTAssertEqual(vector.count, expected.count, file: file, line: line)
            for (a, b) in zip(vector, expected) {
                XCTAssertEqual(a, b, accuracy: 1e-6, "vector of \(text)", file: file, line: line)
            }
        }
    }

    private func sentInputs() -> [[String]] {
        server.requests.compactMap { $0.decodedBody(SentEmbeddingsBody.self)?.input }
    }

    func testRequestShapeAndNormalisedVectors() throws {
        let embedder = OpenAICompatibleEmbedder(endpoint: endpoint(model: "text-embedding-v3"))
        let texts = ["统计各服务区营收", "SELECT 1"]
        let vectors = try embedder.embed(texts)
        assertVectors(vectors, equalUnitVectorsOf: texts)
        for vector in vectors {
            XCTAssertEqual(vector.reduce(0) { $0 + $1 * $1 }.squareRoot(), 1, accuracy: 1e-5)
        }
        let sent = try XCTUnwrap(server.requests.first)
        XCTAssertEqual(sent.path, "/v1/embeddings")
        XCTAssertEqual(sent.headers["authorization"], "Bearer \(Self.apiKey)")
        let body = try XCTUnwrap(sent.decodedBody(SentEmbeddingsBody.self))
        XCTAssertEqual(body.model, "text-embedding-v3")
        XCTAssertEqual(body.input, texts)
        XCTAssertEqual(body.encodingFormat, "float")
        XCTAssertEqual(embedder.model, "text-embedding-v3")
        XCTAssertEqual(embedder.dimension, 16, "learned from the answer")
    }

    func testTextsGoInBatchesOfTheConfiguredSize() throws {
        let embedder = OpenAICompatibleEmbedder(endpoint: endpoint(batchSize: 3))
        XCTAssertEqual(embedder.batchSize, 3)
        let texts = (1...7).map { "文本 \($0)" }
        let vectors = try embedder.embed(texts)
        assertVectors(vectors, equalUnitVectorsOf: texts)
        let inputs = sentInputs()
        XCTAssertEqual(inputs.map(\.count).sorted(), [1, 3, 3])
        XCTAssertEqual(inputs.flatMap { $0 }.sorted(), texts.sorted())
    }

    func testBatchesOfOneCallRunConcurrentlyWithinTheBound() throws {
        server.setLatency(milliseconds: 200)
        let embedder = OpenAICompatibleEmbedder(endpoint: endpoint(maxConcurrency: 3, batchSize: 2))
        let texts = (1...12).map { "t\($0)" }
        let (vectors, elapsed) = try timed { try embedder.embed(texts) }
        assertVectors(vectors, equalUnitVectorsOf: texts)
        XCTAssertEqual(server.requests.count, 6)
        XCTAssertEqual(server.maxInFlight, 3)
        XCTAssertLessThan(elapsed, 6 * 0.2, "six batches did not run one after another")
    }

    func testVectorsAreOrderedByIndexNotByPosition() throws {
        server.apply(FakeScript(reverseEmbeddings: true))
        let texts = ["甲", "乙", "丙", "丁"]
        assertVectors(try OpenAICompatibleEmbedder(endpoint: endpoint()).embed(texts), equalUnitVectorsOf: texts)
    }

    func testBlankTextsGetZeroVectorsWithoutBeingSent() throws {
        let embedder = OpenAICompatibleEmbedder(endpoint: endpoint())
        let vectors = try embedder.embed(["甲", "", "  \n", "乙"])
        XCTAssertEqual(sentInputs(), [["甲", "乙"]])
        XCTAssertEqual(vectors[1], [Float](repeating: 0, count: 16))
        XCTAssertEqual(vectors[2], [Float](repeating: 0, count: 16))
        assertVectors([vectors[0], vectors[3]], equalUnitVectorsOf: ["甲", "乙"])
    }

    func testOnlyBlankTextsWithKnownDimensionMakeNoCall() throws {
        let embedder = OpenAICompatibleEmbedder(endpoint: endpoint(dimension: 16))
        XCTAssertEqual(try embedder.embed(["", " "]), [[Float](repeating: 0, count: 16), [Float](repeating: 0, count: 16)])
        XCTAssertEqual(try embedder.embed([]), [])
        XCTAssertEqual(server.requests.count, 0)
    }

    func testOnlyBlankTextsWithUnknownDimensionProbeItOnce() throws {
        let embedder = OpenAICompatibleEmbedder(endpoint: endpoint())
        XCTAssertEqual(embedder.dimension, 0, "unknown before the first answer")
        XCTAssertEqual(try embedder.embed([""]), [[Float](repeating: 0, count: 16)])
        XCTAssertEqual(try embedder.embed([""]), [[Float](repeating: 0, count: 16)])
        XCTAssertEqual(server.requests.count, 1)
        XCTAssertEqual(embedder.dimension, 16)
    }

    func testConfiguredDimensionMismatchIsAClearError() {
        let embedder = OpenAICompatibleEmbedder(endpoint: endpoint(dimension: 8))
        XCTAssertThrowsError(try embedder.embed(["甲"])) { error in
            let text = String(describing: error)
            XCTAssertTrue(error is EmbeddingFailure)
            XCTAssertTrue(text.contains("16 维"), text)
            XCTAssertTrue(text.contains("8 维"), text)
            XCTAssertTrue(text.contains("DP_EMBEDDING_DIMENSION"), text)
        }
    }

    func testLearnedDimensionIsEnforcedAfterwards() throws {
        let embedder = OpenAICompatibleEmbedder(endpoint: endpoint())
        _ = try embedder.embed(["甲"])
        server.apply(FakeScript(embeddingDimension: 12))
        XCTAssertThrowsError(try embedder.embed(["乙"])) { error in
            let text = String(describing: error)
            XCTAssertTrue(text.contains("12 维") && text.contains("16 维"), text)
        }
        XCTAssertEqual(embedder.dimension, 16)
    }

    func testServerErrorIsRetried() throws {
        server.enqueue([.status(503, message: "busy"), .status(429, retryAfter: "0")], kind: "embeddings")
        let vectors = try OpenAICompatibleEmbedder(endpoint: endpoint()).embed(["甲"])
        assertVectors(vectors, equalUnitVectorsOf: ["甲"])
        XCTAssertEqual(server.requests.count, 3)
    }

    func testExhaustedRetriesFailWithStatusAndNoKey() {
        server.enqueue(Array(repeating: .status(500, message: "embedding backend down"), count: 3), kind: "embeddings")
        XCTAssertThrowsError(try OpenAICompatibleEmbedder(endpoint: endpoint(maxRetries: 2)).embed(["甲"])) { error in
            let text = String(describing: error)
            XCTAssertTrue(text.contains("HTTP 500") && text.contains("embedding backend down") && text.contains("共尝试 3 次"), text)
            XCTAssertFalse(text.contains(Self.apiKey))
        }
    }

    func testAnswerWithTheWrongNumberOfVectorsIsRefused() {
        let body = #"{"object": "list", "data": [{"object": "embedding", "index": 0, "embedding": [1, 0]}]}"#
        server.enqueue([.rawBody(body)], kind: "embeddings")
        XCTAssertThrowsError(try OpenAICompatibleEmbedder(endpoint: endpoint()).embed(["甲", "乙"])) { error in
            XCTAssertTrue(String(describing: error).contains("请求 2 条文本，应答含 1 个向量"), "\(error)")
        }
    }

    func testRepeatedIndexIsRefused() {
        let item = #"{"object": "embedding", "index": 0, "embedding": [1, 0]}"#
        server.enqueue([.rawBody(#"{"data": [\#(item), \#(item)]}"#)], kind: "embeddings")
        XCTAssertThrowsError(try OpenAICompatibleEmbedder(endpoint: endpoint()).embed(["甲", "乙"])) { error in
            XCTAssertTrue(String(describing: error).contains("序号 0"), "\(error)")
        }
    }

    func testMalformedAnswerIsRefused() {
        server.enqueue([.malformedJSON], kind: "embeddings")
        XCTAssertThrowsError(try OpenAICompatibleEmbedder(endpoint: endpoint()).embed(["甲"])) { error in
            XCTAssertTrue(String(describing: error).contains("应答格式无效"), "\(error)")
        }
        XCTAssertEqual(server.requests.count, 1)
    }
}
