import Foundation

/// The fake server's deterministic embeddings, so tests can predict every vector.
///
/// Component i of a text's vector is FNV-1a 64 of `"<i>:<text>"` (UTF-8) mapped to [-1, 1). Deliberately not
/// normalised: the client must normalise.
public enum FakeEmbedding {
    /// The raw (unnormalised) vector the server answers for `text`.
    public static func vector(for text: String, dimension: Int) -> [Double] {
        (0..<dimension).map { component in
            let hash = fnv1a("\(component):\(text)")
            return Double(hash >> 11) / Double(1 << 53) * 2 - 1
        }
    }

    /// The vector scaled to length 1, as a client should return it.
    public static func unitVector(for text: String, dimension: Int) -> [Float] {
        let raw = vector(for: text, dimension: dimension)
        let norm = raw.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return raw.map { Float($0 / norm) }
    }

    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }
}
