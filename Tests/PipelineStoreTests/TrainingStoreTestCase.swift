import Foundation
import PipelineCore
import PipelineProviders
import Postgres
import TestSupport
import XCTest
@testable import PipelineStore

/// A migrated throw-away state database and a training-data store on it, plus item factories. Vectors come from
/// the built-in embedder (64 buckets), so they are deterministic and unit length.
class TrainingStoreTestCase: XCTestCase {
    var database: TestDatabase!
    var store: PostgresTrainingDataStore!
    let embedder = HashingEmbedder(dimension: 64)
    var model: String { embedder.model }

    override func setUpWithError() throws {
        database = try TestDatabase(prefix: "dp_training")
        try MigrationRunner.migrate(database.connect())
        store = PostgresTrainingDataStore(url: database.url, applicationName: "dp-tests", maxConnections: 8)
    }

    override func tearDown() {
        store = nil
        database?.drop()
    }

    /// Upserts `items` with the embedder's model (or `model`), ignoring the counts.
    func load(_ items: [EmbeddedTrainingItem], model: String? = nil) throws {
        _ = try store.upsert(items, model: model ?? self.model)
    }

    func pair(_ question: String, _ sql: String, tables: [String] = [], taskID: String? = nil,
              type: TrainingDataType = .sql) -> EmbeddedTrainingItem {
        embedded(TrainingItem(type: type, question: question, content: sql, tables: tables, taskID: taskID))
    }

    func ddl(_ content: String, tables: [String] = [], taskID: String? = nil) -> EmbeddedTrainingItem {
        embedded(TrainingItem(type: .ddl, question: nil, content: content, tables: tables, taskID: taskID))
    }

    func documentation(_ content: String, tables: [String] = [], taskID: String? = nil) -> EmbeddedTrainingItem {
        embedded(TrainingItem(type: .documentation, question: nil, content: content, tables: tables, taskID: taskID))
    }

    func embedded(_ item: TrainingItem) -> EmbeddedTrainingItem {
        EmbeddedTrainingItem(item: item, vector: embedder.vector(item.embeddingText))
    }

    /// Ids of every stored item, sorted.
    func storedIDs() throws -> [String] {
        try database.connect().query(PostgresQuery("SELECT id FROM training_items ORDER BY id")).map { try $0.string("id") }
    }

    /// Every stored row as text (vector as hex), sorted by id: for "nothing changed" and round-trip comparisons.
    func storedRows() throws -> [[String?]] {
        let rows = try database.connect().query(PostgresQuery("""
            SELECT id, training_data_type, question, content, tables::text AS tables, task_id,
                   created_at::text AS created_at, embedding_model, encode(embedding, 'hex') AS embedding
            FROM training_items ORDER BY id
            """))
        return try rows.map { row in try row.columns.map { try row.optionalString($0) } }
    }

    func generation() throws -> Int {
        try XCTUnwrap(database.connect().query(PostgresQuery("SELECT generation FROM training_store_state")).first)
            .int("generation")
    }

    /// Deterministic pseudo-random unit vectors (SplitMix64), for bulk tests.
    static func randomUnitVectors(count: Int, dimension: Int, seed: UInt64) -> [[Float]] {
        var state = seed
        func next() -> Float {
            state &+= 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            z ^= z >> 31
            return Float(z >> 40) / Float(1 << 24) * 2 - 1
        }
        return (0..<count).map { _ in
            let raw = (0..<dimension).map { _ in next() }
            let norm = raw.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return raw.map { $0 / norm }
        }
    }
}
