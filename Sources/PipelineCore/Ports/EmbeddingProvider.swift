/// Turns texts into vectors for the training-data store and its search.
///
/// The built-in `HashingEmbedder` works offline; an OpenAI-compatible adapter calls `/embeddings`. Vectors are
/// L2-normalised, so the dot product of two of them is their cosine similarity. Implementations are thread-safe.
public protocol EmbeddingProvider: Sendable {
    /// Recorded with every stored vector; vectors of different models are never compared.
    var model: String { get }
    var dimension: Int { get }
    /// How many texts one `embed` call should carry.
    var batchSize: Int { get }
    /// One vector of `dimension` floats per text, in order.
    func embed(_ texts: [String]) throws -> [[Float]]
}
