import XCTest
@testable import PipelineStore

/// The snapshot's vectors are one signed byte per component with a scale per row: ranking by them stays within a
/// small distance of the exact cosine, and zero vectors stay zero.
final class TrainingVectorQuantisationTests: XCTestCase {
    func testQuantisedDotProductsStayWithinAHundredthOfTheExactOnes() {
        let dimension = 100  // not a multiple of 16: the scalar tail counts too
        let vectors = TrainingStoreTestCase.randomUnitVectors(count: 50, dimension: dimension, seed: 7)
        var codes: [Int8] = [], scales: [Float] = []
        for vector in vectors { TrainingVectorSnapshot.quantise(vector[...], codes: &codes, scales: &scales) }
        let snapshot = TrainingVectorSnapshot(generation: 1, model: "m", dimension: dimension,
                                              ids: vectors.indices.map { "id\($0)" }, typeBits: vectors.map { _ in 1 },
                                              codes: codes, scales: scales)
        XCTAssertEqual(codes.count, 50 * dimension, "one byte per component")
        for (row, vector) in vectors.enumerated() {
            XCTAssertEqual(snapshot.score(row: row, query: vector), 1, accuracy: 0.01)
            XCTAssertEqual(snapshot.score(row: row, query: vectors[0]), TrainingVectorSnapshot.exactDot(vector, vectors[0]),
                           accuracy: 0.01)
            XCTAssertEqual(snapshot.nearest(to: vector, topK: 1, typeMask: 1).first?.row, row)
        }
    }

    func testAZeroVectorQuantisesToZeros() {
        var codes: [Int8] = [], scales: [Float] = []
        TrainingVectorSnapshot.quantise([0, 0, 0][...], codes: &codes, scales: &scales)
        XCTAssertEqual(codes, [0, 0, 0])
        XCTAssertEqual(scales, [0])
    }
}
