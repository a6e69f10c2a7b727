import Foundation
import PipelineCore

/// A training item as the API shows it (API.md §2.9).
struct TrainingRecordPayload: Encodable {
    var id: String
    var trainingDataType: String
    @Nullable var question: String?
    var content: String
    var tables: [String]
    @Nullable var taskId: String?
    /// The business database the item documents; null when unknown.
    @Nullable var dbName: String?
    @Nullable var createdAt: String?
    /// Cosine similarity to the question; only in search results (absent, not null, elsewhere).
    var score: Double?
    /// Why a search result matched; only with `explain: true`.
    var matchedTerms: [String]?
    var scores: TrainingMatchScores?

    init(_ item: TrainingItem, score: Float? = nil, explanation: TrainingSearchExplanation? = nil) {
        id = item.id
        trainingDataType = item.type.rawValue
        question = item.question
        content = item.content
        tables = item.tables
        taskId = item.taskID
        dbName = item.dbName
        createdAt = item.createdAt.map(LocalTimestamp.iso)
        self.score = score.map { (Double($0) * 10_000).rounded() / 10_000 }
        matchedTerms = explanation?.matchedTerms
        scores = explanation.map(TrainingMatchScores.init)
    }
}

/// A search result's component scores: cosine and its rank among the vector candidates, BM25 and its rank among
/// the lexical ones (null rank: not a candidate there), and the reciprocal-rank fusion that orders hybrid results.
struct TrainingMatchScores: Encodable {
    var vector: Double
    @Nullable var vectorRank: Int?
    var lexical: Double
    @Nullable var lexicalRank: Int?
    var fused: Double

    init(_ explanation: TrainingSearchExplanation) {
        func rounded(_ value: Float) -> Double { (Double(value) * 1_000_000).rounded() / 1_000_000 }
        vector = rounded(explanation.vectorScore)
        vectorRank = explanation.vectorRank
        lexical = rounded(explanation.lexicalScore)
        lexicalRank = explanation.lexicalRank
        fused = rounded(explanation.fusedScore)
    }
}

/// Counts per type, every type present.
struct TypeCounts: Encodable {
    var sql = 0
    var documentation = 0
    var ddl = 0
    var errorSql = 0

    init(_ counts: [TrainingDataType: Int]) {
        sql = counts[.sql] ?? 0
        documentation = counts[.documentation] ?? 0
        ddl = counts[.ddl] ?? 0
        errorSql = counts[.errorSQL] ?? 0
    }
}

struct TypePercentages: Encodable {
    var sql: Double
    var documentation: Double
    var ddl: Double
    var errorSql: Double

    init(_ counts: [TrainingDataType: Int], total: Int) {
        func percent(_ type: TrainingDataType) -> Double {
            total == 0 ? 0 : (Double(counts[type] ?? 0) * 10_000 / Double(total)).rounded() / 100
        }
        sql = percent(.sql)
        documentation = percent(.documentation)
        ddl = percent(.ddl)
        errorSql = percent(.errorSQL)
    }
}

struct TrainingStatsPayload: Encodable {
    var totalCount: Int
    var typeBreakdown: TypeCounts
    var typePercentages: TypePercentages
    /// When the newest item was stored (null for an empty store); the predecessor reported the request time.
    @Nullable var lastUpdated: String?
}

struct TrainingQueryPayload: Encodable {
    var records: [TrainingRecordPayload]
    var pagination: Pagination
    var filtersApplied: Filters

    struct Filters: Encodable {
        @Nullable var trainingDataType: String?
        @Nullable var searchKeyword: String?
    }
}

struct TrainingCreatePayload: Encodable {
    var totalRequested: Int
    var successfullyCreated: Int
    var failedCount: Int
    var results: [ItemResult]
    var summary: TypeCounts
    var currentTotalCount: Int

    struct ItemResult: Encodable {
        var index: Int
        var success: Bool
        @Nullable var trainingId: String?
        var type: String
        @Nullable var error: String?
        var message: String
        /// True when the store already held this item (same content): it is kept once (**new**).
        var alreadyExisted: Bool?
    }
}

struct TrainingUpdatePayload: Encodable {
    var originalId: String
    var newTrainingId: String
    var type: String
    var currentTotalCount: Int
}

struct TrainingDeletePayload: Encodable {
    var totalRequested: Int
    var successfullyDeleted: Int
    var failedCount: Int
    var deletedIds: [String]
    var failedIds: [String]
    var failedDetails: [Failure]
    var currentTotalCount: Int

    struct Failure: Encodable {
        var id: String
        var error: String
    }
}

struct TrainingSearchPayload: Encodable {
    var question: String
    var topK: Int
    var types: [String]
    @Nullable var dbName: String?
    @Nullable var taskId: String?
    var mode: String
    var embeddingModel: String
    var results: [TrainingRecordPayload]
}
