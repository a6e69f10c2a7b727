import PipelineCore

/// Every vector of the store at one `training_store_state.generation`, as one contiguous row-major matrix, with the
/// ids (in id order) and types of its rows, the lexical index of their text and their scopes (databases, tasks).
/// Immutable, so threads share it without locking.
final class TrainingVectorSnapshot: Sendable {
    let generation: Int64
    /// The model and dimension of the vectors; nil model for an empty store.
    let model: String?
    let dimension: Int
    let ids: [String]
    /// `typeBit(_:)` of each row's type.
    let typeBits: [UInt8]
    /// `ids.count × dimension` floats.
    let matrix: [Float]
    let lexical: TrainingLexicalIndex
    let scopes: TrainingRowScopes

    init(generation: Int64, model: String?, dimension: Int, ids: [String], typeBits: [UInt8], matrix: [Float],
         lexical: TrainingLexicalIndex = TrainingLexicalIndex(documents: [], synonymGroups: []),
         scopes: TrainingRowScopes = TrainingRowScopes()) {
        precondition(ids.count == typeBits.count && matrix.count == ids.count * dimension, "inconsistent snapshot")
        self.generation = generation
        self.model = model
        self.dimension = dimension
        self.ids = ids
        self.typeBits = typeBits
        self.matrix = matrix
        self.lexical = lexical
        self.scopes = scopes
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

    /// The rows with the `topK` largest dot products with `query` among the rows `accept` lets through.
    func nearest(to query: [Float], topK: Int, accept: (Int) -> Bool) -> [(row: Int, score: Float)] {
        guard topK > 0, count > 0 else { return [] }
        precondition(query.count == dimension, "query of the wrong dimension")
        var best = TopScores(capacity: min(topK, count))
        let dimension = self.dimension
        matrix.withUnsafeBufferPointer { matrix in
            query.withUnsafeBufferPointer { query in
                guard let rows = matrix.baseAddress, let query = query.baseAddress else { return }
                for row in 0..<count where accept(row) {
                    best.offer(row: row, score: Self.dot(rows + row * dimension, query, dimension))
                }
            }
        }
        return best.ranked
    }

    /// The dot product of row `row` with `query`.
    func score(row: Int, query: [Float]) -> Float {
        matrix.withUnsafeBufferPointer { matrix in
            query.withUnsafeBufferPointer { query in
                guard let rows = matrix.baseAddress, let query = query.baseAddress else { return 0 }
                return Self.dot(rows + row * dimension, query, dimension)
            }
        }
    }

    /// Dot product with two independent 8-wide accumulators (Float addition is not reassociated by the compiler,
    /// so a plain loop would not vectorise), then the scalar tail.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
        let rawA = UnsafeRawPointer(a), rawB = UnsafeRawPointer(b)
        var sum0 = SIMD8<Float>(), sum1 = SIMD8<Float>()
        var index = 0
        while index + 16 <= count {
            let offset = index * MemoryLayout<Float>.stride
            sum0 += rawA.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
                * rawB.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            sum1 += rawA.loadUnaligned(fromByteOffset: offset + 32, as: SIMD8<Float>.self)
                * rawB.loadUnaligned(fromByteOffset: offset + 32, as: SIMD8<Float>.self)
            index += 16
        }
        var sum = (sum0 + sum1).sum()
        while index < count {
            sum += a[index] * b[index]
            index += 1
        }
        return sum
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
