import Foundation
import PipelineCore

/// Vectors from an OpenAI-compatible `POST {base}/embeddings` (DashScope text-embedding-v3, Ollama, vLLM, OpenAI).
///
/// Texts go in batches of `endpoint.batchSize`; the batches of one call run concurrently up to
/// `endpoint.maxConcurrency`, with the same retries and backoff as the chat client. Vectors are put back in input
/// order by their `index` and L2-normalised. The dimension is the configured one, else the one of the first answer;
/// any vector of another length is an error. Blank texts get the zero vector without a call. Thread-safe.
public final class OpenAICompatibleEmbedder: EmbeddingProvider, @unchecked Sendable {
    /// Appended to the endpoint's base URL.
    public static let path = "embeddings"
    /// Embedded only to learn the dimension when a call holds nothing but blank texts.
    static let dimensionProbe = "维度探测 dimension probe"

    /// The endpoint's model, recorded with every stored vector.
    public let model: String
    /// Texts per HTTP request (`DP_EMBEDDING_BATCH_SIZE`).
    public let batchSize: Int
    /// The settings the embedder was made with.
    public let endpoint: OpenAIEndpoint
    private let transport: OpenAIHTTPTransport
    // Guards `learnedDimension`, set once by the first answer when none is configured.
    private let lock = NSLock()
    private var learnedDimension: Int?

    /// An embedder for `endpoint` (its `model`, `batchSize` and optional `dimension`).
    public convenience init(endpoint: OpenAIEndpoint) {
        self.init(transport: OpenAIHTTPTransport(endpoint: endpoint))
    }

    init(transport: OpenAIHTTPTransport) {
        self.transport = transport
        self.endpoint = transport.endpoint
        self.model = transport.endpoint.model
        self.batchSize = transport.endpoint.batchSize
    }

    /// The configured dimension, else the one learned from the first answer; 0 before any answer.
    public var dimension: Int {
        knownDimension ?? 0
    }

    /// One unit vector (or the zero vector for a blank text) per text, in order.
    public func embed(_ texts: [String]) throws -> [[Float]] {
        let pending = texts.indices.filter { !texts[$0].trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        // Blank texts need the dimension for their zero vectors; learn it when no other text will teach it.
        if pending.isEmpty && !texts.isEmpty && knownDimension == nil {
            _ = try embedBatch([Self.dimensionProbe])
        }
        let batches = stride(from: 0, to: pending.count, by: batchSize).map {
            Array(pending[$0..<min($0 + batchSize, pending.count)])
        }
        let results = try BatchRunner.run(batches.count, width: endpoint.maxConcurrency) { number in
            try self.embedBatch(batches[number].map { texts[$0] })
        }
        let zero = [Float](repeating: 0, count: knownDimension ?? 0)
        var vectors = [[Float]](repeating: zero, count: texts.count)
        for (batch, batchVectors) in zip(batches, results) {
            for (index, vector) in zip(batch, batchVectors) {
                vectors[index] = vector
            }
        }
        return vectors
    }

    private var knownDimension: Int? {
        endpoint.dimension ?? lock.withLock { learnedDimension }
    }

    /// One request: vectors in input order, dimension checked, normalised.
    private func embedBatch(_ texts: [String]) throws -> [[Float]] {
        let service = "向量接口（\(model)）"
        let raw: [[Double]]
        do {
            let body = try EmbeddingWire.requestBody(texts, endpoint: endpoint)
            let exchange = try transport.post(Self.path, body: body, headers: ["X-DP-Prompt-Kind": "embeddings"])
            do throws(TransportFailure.Malformed) {
                raw = try EmbeddingWire.vectors(from: exchange.body, count: texts.count)
            } catch {
                throw TransportFailure(cause: .malformed(error.reason), attempts: exchange.attempts, latency: exchange.latency)
            }
        } catch let failure as TransportFailure {
            throw EmbeddingFailure(failure.message(service: service))
        } catch {
            throw EmbeddingFailure("\(service)请求无法编码为 JSON")
        }
        for vector in raw {
            try checkDimension(vector.count)
        }
        return raw.map(Self.normalised)
    }

    /// Enforces the configured or learned dimension; the first answer teaches it when none is configured.
    private func checkDimension(_ length: Int) throws {
        guard length > 0 else { throw EmbeddingFailure("向量接口（\(model)）返回了空向量") }
        if let configured = endpoint.dimension {
            guard length == configured else {
                throw EmbeddingFailure("向量维度不符：模型 \(model) 返回 \(length) 维，配置的维度（DP_EMBEDDING_DIMENSION）为 \(configured) 维")
            }
            return
        }
        let expected: Int = lock.withLock {
            if learnedDimension == nil { learnedDimension = length }
            return learnedDimension!
        }
        guard length == expected else {
            throw EmbeddingFailure("向量维度不符：模型 \(model) 返回 \(length) 维，此前返回的是 \(expected) 维")
        }
    }

    /// The vector scaled to length 1; a zero vector stays zero.
    static func normalised(_ vector: [Double]) -> [Float] {
        let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard norm > 0 else { return vector.map { _ in 0 } }
        return vector.map { Float($0 / norm) }
    }
}
