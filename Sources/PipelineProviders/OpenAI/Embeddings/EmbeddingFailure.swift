/// Why texts could not be embedded: the endpoint failed after its retries, or answered vectors of the wrong shape.
/// The message never contains the API key or the texts.
public struct EmbeddingFailure: Error, Sendable, CustomStringConvertible {
    public var description: String

    /// A failure with this message (no key, no texts).
    public init(_ description: String) {
        self.description = description
    }
}
