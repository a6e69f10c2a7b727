import Foundation

/// The fake server's mutable state (script, settings, recordings), behind one lock.
final class FakeOpenAIState: @unchecked Sendable {
    static let defaultEmbeddingDimension = 16

    private let lock = NSLock()
    private let started = Date()
    private var queues: [String: [FakeResponse]] = [:]
    private var standing: [String: FakeResponse] = [:]
    private var latencyMilliseconds = 0
    private var embeddingDimension = FakeOpenAIState.defaultEmbeddingDimension
    private var reverseEmbeddings = false
    private var requiredAPIKey: String?
    private var recorded: [RecordedRequest] = []
    private var inFlight = 0
    private var maxInFlight = 0

    /// Settings read once per request.
    struct Settings {
        var latencyMilliseconds: Int
        var embeddingDimension: Int
        var reverseEmbeddings: Bool
        var requiredAPIKey: String?
    }

    var settings: Settings {
        lock.withLock {
            Settings(latencyMilliseconds: latencyMilliseconds, embeddingDimension: embeddingDimension,
                     reverseEmbeddings: reverseEmbeddings, requiredAPIKey: requiredAPIKey)
        }
    }

    func apply(_ script: FakeScript) {
        lock.withLock {
            for (kind, responses) in script.queues ?? [:] {
                queues[kind, default: []].append(contentsOf: responses)
            }
            for (kind, response) in script.standing ?? [:] {
                standing[kind] = response
            }
            if let dimension = script.embeddingDimension { embeddingDimension = max(1, dimension) }
            if let reverse = script.reverseEmbeddings { reverseEmbeddings = reverse }
            if let key = script.requiredAPIKey { requiredAPIKey = key.isEmpty ? nil : key }
        }
    }

    func setLatency(milliseconds: Int) {
        lock.withLock { latencyMilliseconds = max(0, milliseconds) }
    }

    /// Forgets the script, the settings and the recordings.
    func reset() {
        lock.withLock {
            queues = [:]
            standing = [:]
            latencyMilliseconds = 0
            embeddingDimension = Self.defaultEmbeddingDimension
            reverseEmbeddings = false
            requiredAPIKey = nil
            recorded = []
            maxInFlight = inFlight
        }
    }

    /// The scripted response for a request of `kind`: its queue, then the `default` queue, then the standing
    /// response of its kind, then the standing `default` (not for embeddings, whose default is computed). Nil means
    /// "answer normally".
    func nextResponse(kind: String) -> FakeResponse? {
        lock.withLock {
            for key in kind == "embeddings" ? [kind] : [kind, "default"] {
                if var queue = queues[key], !queue.isEmpty {
                    let first = queue.removeFirst()
                    queues[key] = queue
                    return first
                }
            }
            return standing[kind] ?? (kind == "embeddings" ? nil : standing["default"])
        }
    }

    /// Records a request and counts it in flight until `leave()`.
    func enter(method: String, path: String, headers: [String: String], body: Data) {
        lock.withLock {
            recorded.append(RecordedRequest(method: method, path: path, headers: headers,
                                            body: String(decoding: body, as: UTF8.self),
                                            receivedAt: Date().timeIntervalSince(started)))
            inFlight += 1
            maxInFlight = max(maxInFlight, inFlight)
        }
    }

    func leave() {
        lock.withLock { inFlight -= 1 }
    }

    var requests: [RecordedRequest] { lock.withLock { recorded } }
    var highestInFlight: Int { lock.withLock { maxInFlight } }
}
