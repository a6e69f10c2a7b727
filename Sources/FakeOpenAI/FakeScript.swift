import Foundation

/// A change to the fake server's script, as `POST /_control/script` takes it (and `FakeOpenAIServer.apply` in
/// process). Absent fields change nothing.
///
/// `{"queues": {"themes": [{"action": "status", "status": 500}, {"action": "reply", "text": "{…}"}]},
///   "standing": {"default": {"action": "reply", "text": "{}"}}, "embedding_dimension": 16}`
public struct FakeScript: Codable, Sendable, Equatable {
    /// Appended to the queue of each prompt kind (`X-DP-Prompt-Kind`; `default` for requests without one or with
    /// an empty queue of their own; `embeddings` for `/embeddings`). Each response answers one request.
    public var queues: [String: [FakeResponse]]?
    /// The answer per kind once its queue is empty; stays until replaced or reset.
    public var standing: [String: FakeResponse]?
    /// Length of the computed embedding vectors (default 16).
    public var embeddingDimension: Int?
    /// Answer `/embeddings` items in reverse order (the API orders by `index`, not by position).
    public var reverseEmbeddings: Bool?
    /// When set, requests without `Authorization: Bearer <key>` get a 401 that echoes the key they sent, as some
    /// endpoints do; the client must mask it.
    public var requiredAPIKey: String?

    /// A script changing only the given parts.
    public init(queues: [String: [FakeResponse]]? = nil, standing: [String: FakeResponse]? = nil,
                embeddingDimension: Int? = nil, reverseEmbeddings: Bool? = nil, requiredAPIKey: String? = nil) {
        self.queues = queues
        self.standing = standing
        self.embeddingDimension = embeddingDimension
        self.reverseEmbeddings = reverseEmbeddings
        self.requiredAPIKey = requiredAPIKey
    }

    enum CodingKeys: String, CodingKey {
        case queues, standing
        case embeddingDimension = "embedding_dimension"
        case reverseEmbeddings = "reverse_embeddings"
        case requiredAPIKey = "required_api_key"
    }
}
