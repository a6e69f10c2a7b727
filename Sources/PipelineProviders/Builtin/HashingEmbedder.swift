import Foundation
import PipelineCore

/// The offline embedder: feature hashing of character n-grams (Chinese) and identifier words (English, SQL) into a
/// fixed number of buckets, so the pipeline and the search route work without any embedding service.
///
/// Recipe (`builtin-hashing-v1`; changing any step needs a new model name, since stored vectors would no longer
/// compare with new ones):
/// 1. features of the text from `HashingFeatures` (NFKC, lower case; CJK 1/2/3-grams, identifier words);
/// 2. each distinct feature weighs `weight × (1 + ln tf)` (sub-linear, so a repeated word does not dominate);
/// 3. its key is hashed with 64-bit FNV-1a over the UTF-8 bytes followed by the SplitMix64 finaliser (FNV-1a alone
///    leaves the low bits, which pick the bucket, poorly mixed); bucket = hash mod `dimension`, and bit 63 gives
///    the sign, so colliding features tend to cancel rather than pile up;
/// 4. the vector is L2-normalised; a text without features gives the zero vector.
///
/// Swift's `Hasher` is deliberately not used: it is seeded randomly per process, and these vectors are stored.
/// Pure and stateless, hence thread-safe.
public struct HashingEmbedder: EmbeddingProvider {
    /// The model name recorded with every vector; the dimension is not part of it (the store records it apart).
    public static let modelName = "builtin-hashing-v1"

    /// Always `modelName`.
    public let model = HashingEmbedder.modelName
    /// The number of buckets, i.e. the vector length.
    public let dimension: Int
    /// Texts per `embed` call; the work is local, so this only bounds memory per call.
    public let batchSize = 64

    /// An embedder with `dimension` buckets (at least 1); 512 by default.
    public init(dimension: Int = 512) {
        precondition(dimension > 0, "HashingEmbedder needs a positive dimension")
        self.dimension = dimension
    }

    /// One vector per text, in order.
    public func embed(_ texts: [String]) throws -> [[Float]] {
        texts.map(vector)
    }

    /// The vector of one text.
    public func vector(_ text: String) -> [Float] {
        var terms: [String: (count: Int, weight: Float)] = [:]
        for feature in HashingFeatures.features(of: text) {
            // A key occurs with one weight only (the kind is part of the key), so keeping the first is exact.
            terms[feature.key, default: (0, feature.weight)].count += 1
        }
        var sums = [Double](repeating: 0, count: dimension)
        for (key, term) in terms {
            let hash = Self.hash(key)
            let bucket = Int(hash % UInt64(dimension))
            let sign: Double = hash >> 63 == 1 ? -1 : 1
            sums[bucket] += sign * Double(term.weight) * (1 + log(Double(term.count)))
        }
        let norm = sums.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard norm > 0 else { return [Float](repeating: 0, count: dimension) }
        return sums.map { Float($0 / norm) }
    }

    /// 64-bit FNV-1a over the UTF-8 bytes, then the SplitMix64 finaliser. Fixed forever for this model name.
    static func hash(_ key: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        hash = (hash ^ (hash >> 30)) &* 0xbf58_476d_1ce4_e5b9
        hash = (hash ^ (hash >> 27)) &* 0x94d0_49bb_1331_11eb
        return hash ^ (hash >> 31)
    }
}
