import PipelineCore

/// Every vector of the store at one `training_store_state.generation`, quantised to one signed byte per component
/// with a scale per row (`codes[r·d + i] × scales[r]` ≈ component i of row r), in one contiguous row-major array, with
/// the ids (in id order) and types of its rows, the lexical index of their text and their scopes (databases, tasks).
/// A byte per component is a quarter of float32: 100,000 vectors of 512 dimensions take 51 MB instead of 205, and a
/// scan reads a quarter of the memory. Ranking by the quantised dot product moves a cosine by about 0.005 at most;
/// the scores search reports are recomputed exactly from the stored vectors. Immutable, so threads share it without
/// locking.
final class TrainingVectorSnapshot: Sendable {
    let generation: Int64
    /// The model and dimension of the vectors; nil model for an empty store.
    let model: String?
    let dimension: Int
    let ids: [String]
    /// `typeBit(_:)` of each row's type.
    let typeBits: [UInt8]
    /// `ids.count × dimension` quantised components.
    let codes: [Int8]
    /// Per row: the value of one code step (largest magnitude / 127; 0 for a zero vector).
    let scales: [Float]
    let lexical: TrainingLexicalIndex
    let scopes: TrainingRowScopes
    /// The documentation the lexical index was built with (for incremental updates).
    let context: TrainingLexicalContext

    init(generation: Int64, model: String?, dimension: Int, ids: [String], typeBits: [UInt8], codes: [Int8],
         scales: [Float], lexical: TrainingLexicalIndex = TrainingLexicalIndex(documents: [], synonymGroups: []),
         scopes: TrainingRowScopes = TrainingRowScopes(), context: TrainingLexicalContext = TrainingLexicalContext()) {
        precondition(ids.count == typeBits.count && codes.count == ids.count * dimension && scales.count == ids.count,
                     "inconsistent snapshot")
        self.generation = generation
        self.model = model
        self.dimension = dimension
        self.ids = ids
        self.typeBits = typeBits
        self.codes = codes
        self.scales = scales
        self.lexical = lexical
        self.scopes = scopes
        self.context = context
    }

    /// Appends `vector` quantised to `codes` and its scale to `scales`.
    static func quantise(_ vector: ArraySlice<Float>, codes: inout [Int8], scales: inout [Float]) {
        let largest = vector.reduce(Float(0)) { max($0, abs($1)) }
        let scale = largest > 0 && largest.isFinite ? largest / 127 : 0
        scales.append(scale)
        for value in vector {
            codes.append(scale == 0 ? 0 : Int8(max(-127, min(127, (value / scale).rounded()))))
        }
    }

    var count: Int { ids.count }

    static func typeBit(_ type: TrainingDataType) -> UInt8 {
        switch type {
        case .sql: 1
        case .ddl: 2
        case .documentation: 4
        case .errorSQL: 8
        }
    }

    /// The rows with the `topK` largest dot products with `query` (of length `dimension`) among the rows whose type
    /// bit is in `typeMask`, best first; equal scores keep id order.
    func nearest(to query: [Float], topK: Int, typeMask: UInt8) -> [(row: Int, score: Float)] {
        nearest(to: query, topK: topK) { typeBits[$0] & typeMask != 0 }
    }

    /// The rows with the `topK` largest (quantised) dot products with `query` among the rows `accept` lets through.
    func nearest(to query: [Float], topK: Int, accept: (Int) -> Bool) -> [(row: Int, score: Float)] {
        guard topK > 0, count > 0 else { return [] }
        precondition(query.count == dimension, "query of the wrong dimension")
        var best = TopScores(capacity: min(topK, count))
        let dimension = self.dimension
        codes.withUnsafeBufferPointer { codes in
            query.withUnsafeBufferPointer { query in
                guard let rows = codes.baseAddress, let query = query.baseAddress else { return }
                for row in 0..<count where accept(row) {
                    best.offer(row: row, score: scales[row] * Self.dot(rows + row * dimension, query, dimension))
                }
            }
        }
        return best.ranked
    }

    /// The rows among `rows` with the `topK` largest (quantised) dot products with `query`, best first; equal scores
    /// keep id order.
    func nearest(to query: [Float], topK: Int, among rows: [Int]) -> [(row: Int, score: Float)] {
        guard topK > 0, !rows.isEmpty else { return [] }
        var best = TopScores(capacity: min(topK, rows.count))
        for row in rows.sorted() { best.offer(row: row, score: score(row: row, query: query)) }
        return best.ranked
    }

    /// The (quantised) dot product of row `row` with `query`.
    func score(row: Int, query: [Float]) -> Float {
        codes.withUnsafeBufferPointer { codes in
            query.withUnsafeBufferPointer { query in
                guard let rows = codes.baseAddress, let query = query.baseAddress else { return 0 }
                return scales[row] * Self.dot(rows + row * dimension, query, dimension)
            }
        }
    }

    /// Dot product of codes and floats, 16 at a time (bytes widened to floats lane by lane, which the compiler turns
    /// into vector conversions; the generic SIMD integer-to-float initialisers measured slower) into two independent
    /// 8-wide accumulators (Float addition is not reassociated by the compiler, so a plain loop would not vectorise),
    /// then the scalar tail.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Int8>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
        let rawB = UnsafeRawPointer(b)
        var sum0 = SIMD8<Float>(), sum1 = SIMD8<Float>()
        var index = 0
        while index + 16 <= count {
            var low = SIMD8<Float>(), high = SIMD8<Float>()
            for lane in 0..<8 {
                low[lane] = Float(a[index + lane])
                high[lane] = Float(a[index + 8 + lane])
            }
            let offset = index * MemoryLayout<Float>.stride
            sum0 += low * rawB.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            sum1 += high * rawB.loadUnaligned(fromByteOffset: offset + 32, as: SIMD8<Float>.self)
            index += 16
        }
        var sum = (sum0 + sum1).sum()
        while index < count {
            sum += Float(a[index]) * b[index]
            index += 1
        }
        return sum
    }

    /// The exact dot product of two float vectors of equal length.
    static func exactDot(_ a: [Float], _ b: [Float]) -> Float {
        zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
    }
}

/// The `capacity` best (row, score) pairs seen so far, kept sorted best first. Offers in row order; a score equal
/// to a kept one ranks after it, so ties keep row (id) order.
struct TopScores {
    private(set) var ranked: [(row: Int, score: Float)] = []
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        ranked.reserveCapacity(capacity + 1)
    }

    mutating func offer(row: Int, score: Float) {
        if ranked.count == capacity {
            guard let worst = ranked.last, score > worst.score else { return }
            ranked.removeLast()
        }
        // Binary search for the first kept score smaller than this one.
        var low = 0, high = ranked.count
        while low < high {
            let middle = (low + high) / 2
            if ranked[middle].score >= score { low = middle + 1 } else { high = middle }
        }
        ranked.insert((row, score), at: low)
    }
}
