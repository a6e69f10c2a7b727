import Foundation

/// `quality_report.json` (docs/quality-report.md): what a data team lead wants to know about a run's training data
/// without reading it — QUALITY.md's measures, coverage per table and column, difficulty, execution classes,
/// relationships used, the retrieval self-test and the warnings to act on. Every section a run could not compute
/// yet (a step that did not run) is null.
struct QualityReport: Encodable {
    static let fileName = "quality_report.json"
    static let formatVersion = 1

    var version = QualityReport.formatVersion
    var taskID: String
    var generatedAt: String
    /// The step whose end wrote this report.
    var writtenAfter: String
    var pairFile: String?
    var semanticModel: Bool
    var measures: [String: QualityMeasure]
    var shapes: ShapeVariety
    var difficulty: [String: Int]
    var coverage: CoverageReport?
    var execution: ExecutionSection?
    var relationships: RelationshipUse?
    var retrieval: RetrievalSelfTestResult?
    var warnings: [QualityWarning]
    /// How long computing this report took (milliseconds).
    var durationMS: Int

    enum CodingKeys: String, CodingKey {
        case version, measures, shapes, difficulty, coverage, execution, relationships, retrieval, warnings
        case taskID = "task_id", generatedAt = "generated_at", writtenAfter = "written_after", pairFile = "pair_file"
        case semanticModel = "semantic_model", durationMS = "duration_ms"
    }
}

/// One QUALITY.md measure: its value (a count or a share in 0…1; null when it could not be measured), the goal as
/// QUALITY.md writes it, whether the goal is met, and the counts behind the value.
struct QualityMeasure: Encodable, Equatable {
    var value: Double?
    var goal: String
    var ok: Bool?
    var detail: String

    static func notMeasured(goal: String, reason: String = "not measured") -> QualityMeasure {
        QualityMeasure(value: nil, goal: goal, ok: nil, detail: reason)
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        // Four decimals, as scripts/quality_measures.py prints them; integers stay integers.
        if let value { try container.encode((value * 10_000).rounded() / 10_000, forKey: .value) } else { try container.encodeNil(forKey: .value) }
        try container.encode(goal, forKey: .goal)
        if let ok { try container.encode(ok, forKey: .ok) } else { try container.encodeNil(forKey: .ok) }
        try container.encode(detail, forKey: .detail)
    }

    enum CodingKeys: String, CodingKey { case value, goal, ok, detail }
}

/// Both ways of counting distinct queries: QUALITY.md's placeholder shapes (literals and identifiers replaced) and
/// PostgreSQL's fingerprint (identifiers kept; what step 2 de-duplicates by).
struct ShapeVariety: Encodable {
    var pairs: Int
    var placeholderShapes: Int
    var fingerprints: Int
    /// The placeholder shapes shared by more than one pair, most shared first (at most 10), with 1-based pair numbers.
    var repeated: [RepeatedShape]

    struct RepeatedShape: Encodable {
        var shape: String
        var pairs: [Int]
    }

    enum CodingKeys: String, CodingKey {
        case pairs, repeated
        case placeholderShapes = "placeholder_shapes", fingerprints
    }
}

/// Something a user should act on, with the file to look at.
struct QualityWarning: Encodable, Equatable {
    enum Kind: String, Encodable {
        case factTableWithoutQuestion = "fact_table_without_question"
        case measureNeverUsed = "measure_never_used"
        case lowConfidenceRelationship = "low_confidence_relationship"
        case pairRepairedByModel = "pair_repaired_by_model"
        case filteredPairNotReplaced = "filtered_pair_not_replaced"
        case measureFailed = "measure_failed"
        case staleRetrievalTest = "stale_retrieval_test"
    }

    var kind: Kind
    var message: String
    /// The task file the warning is about (`semantic_model.json`, the pair file, the validation report).
    var file: String?
    /// The table, column, relationship, pair number or measure concerned.
    var subject: String
}
