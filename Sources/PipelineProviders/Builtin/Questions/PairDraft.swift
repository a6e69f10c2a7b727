import PipelineCore

/// A question–SQL pair proposed by a template, before selection.
struct PairDraft: Sendable {
    var question: String
    var sql: String
    var difficulty: QuestionDifficulty
    var tables: [TableReference]
}
