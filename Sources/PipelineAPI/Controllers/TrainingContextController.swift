import Foundation
import PipelineCore

/// `POST /training_data/context`: everything an NL2SQL prompt needs for one question about one database, in one
/// round trip — the calls a Vanna-style app makes (similar question–SQL, related DDL, related documentation) plus
/// `error_sql` warnings and the semantic model's notes and join paths, within a token budget (docs/api.md §2.15).
struct TrainingContextController {
    let jsonBody: JSONBody
    let trainingStore: TrainingDataStore
    let embedder: EmbeddingProvider
    let store: TaskStore
    let directories: TaskDirectories
    let clock: @Sendable () -> Date

    static let defaultBudget = 3000, maxBudget = 32000
    static let defaultPairs = 5, maxPairs = 20
    /// DDL, documentation and error candidates searched; the budget decides how many are kept.
    static let candidates = 8

    func context(_ context: RouteContext) throws -> HTTPResponse {
        let input = try jsonBody.decode(TrainingContextInput.self, from: context.request)
        guard let question = input.question?.trimmingCharacters(in: .whitespacesAndNewlines), !question.isEmpty else {
            throw APIError.missing("question")
        }
        try TextLimits.check(question, field: "question", limit: TextLimits.question)
        guard let dbName = try TrainingSearchInput.filter(input.dbName, field: "db_name") else { throw APIError.missing("db_name") }
        let budget = try IntegerInput.check(input.budgetTokens, field: "budget_tokens", default: Self.defaultBudget, range: 1...Self.maxBudget)
        let topK = try IntegerInput.check(input.topK, field: "top_k", default: Self.defaultPairs, range: 1...Self.maxPairs)

        guard let vector = try embedder.embed([question]).first else { throw PipelineError.internalFailure("embedder returned no vector") }
        func search(_ type: TrainingDataType, _ count: Int) throws -> [ScoredTrainingItem] {
            try trainingStore.search(TrainingSearchRequest(question: question, vector: vector, model: embedder.model, topK: count,
                                                           types: [type], dbName: dbName))
        }
        let assembled = PromptContextAssembler(budget: budget).assemble(
            pairs: try search(.sql, topK), ddl: try search(.ddl, Self.candidates),
            documentation: try search(.documentation, Self.candidates), errors: try search(.errorSQL, 3),
            model: try semanticModel(of: dbName))
        let payload = TrainingContextPayload(question: question, dbName: dbName, budgetTokens: budget, context: assembled)
        return Envelope.success(payload, response: "已组装提示词上下文（约 \(assembled.usedTokens)/\(budget) tokens）", now: clock())
    }

    /// The semantic model of the newest task on the database that has one (nil when none does).
    private func semanticModel(of dbName: String) throws -> SemanticModel? {
        var query = TaskListQuery()
        query.dbName = dbName
        query.limit = 20
        for task in try store.listTasks(query).tasks {
            if let model = SemanticModelFile.read(from: directories.directory(task.id)) { return model }
        }
        return nil
    }
}

struct TrainingContextPayload: Encodable {
    struct Item: Encodable {
        var id: String
        var question: String?
        var content: String
        var tables: [String]
        var score: Double
        var tokens: Int

        init(_ entry: PromptContext.Entry) {
            id = entry.id
            question = entry.question
            content = entry.content
            tables = entry.tables
            score = (Double(entry.score) * 10_000).rounded() / 10_000
            tokens = entry.tokens
        }
    }

    var question: String
    var dbName: String
    var budgetTokens: Int
    var usedTokens: Int
    var omittedItems: Int
    var questionSql: [Item]
    var ddl: [Item]
    var documentation: [Item]
    var errorSql: [Item]
    var semanticNotes: [String]
    var joinPaths: [String]

    init(question: String, dbName: String, budgetTokens: Int, context: PromptContext) {
        self.question = question
        self.dbName = dbName
        self.budgetTokens = budgetTokens
        usedTokens = context.usedTokens
        omittedItems = context.omitted
        questionSql = context.pairs.map(Item.init)
        ddl = context.ddl.map(Item.init)
        documentation = context.documentation.map(Item.init)
        errorSql = context.errorSQL.map(Item.init)
        semanticNotes = context.semanticNotes
        joinPaths = context.joinPaths
    }
}
