/// How `search` ranks: vector similarity alone (the behaviour before issue 14), or fused with the lexical index.
public enum TrainingSearchMode: String, Sendable, CaseIterable {
    case hybrid
    case vector
    case lexical
}

/// One search of the training-data store: the question (its text for the lexical index, its vector for cosine),
/// how many results, and the filters. Every filter is optional; nil or empty means "any".
public struct TrainingSearchRequest: Sendable {
    public var question: String
    public var vector: [Float]
    public var model: String
    public var topK: Int
    public var types: Set<TrainingDataType>
    /// Only items documenting this business database (see `TrainingItem.dbName`).
    public var dbName: String?
    /// Only items this task loaded (one of the item's owners).
    public var taskID: String?
    public var mode: TrainingSearchMode
    /// Attach a `TrainingSearchExplanation` to every result.
    public var explain: Bool

    public init(question: String, vector: [Float], model: String, topK: Int, types: Set<TrainingDataType> = [],
                dbName: String? = nil, taskID: String? = nil, mode: TrainingSearchMode = .hybrid, explain: Bool = false) {
        self.question = question
        self.vector = vector
        self.model = model
        self.topK = topK
        self.types = types
        self.dbName = dbName
        self.taskID = taskID
        self.mode = mode
        self.explain = explain
    }
}

/// Why a result matched: the question's terms (or their synonyms) found in the item, and each ranking's part.
public struct TrainingSearchExplanation: Sendable, Equatable {
    /// Terms of the question, or of its synonym expansion, that occur in the item, in the question's order.
    public var matchedTerms: [String]
    /// Cosine similarity and rank (1-based) among the vector candidates; nil rank when not among them.
    public var vectorScore: Float
    public var vectorRank: Int?
    /// BM25 score and rank among the lexical candidates; 0 and nil when no term matched.
    public var lexicalScore: Float
    public var lexicalRank: Int?
    /// The reciprocal-rank fusion of both ranks (what the results are ordered by in hybrid mode).
    public var fusedScore: Float

    public init(matchedTerms: [String], vectorScore: Float, vectorRank: Int?, lexicalScore: Float, lexicalRank: Int?,
                fusedScore: Float) {
        self.matchedTerms = matchedTerms
        self.vectorScore = vectorScore
        self.vectorRank = vectorRank
        self.lexicalScore = lexicalScore
        self.lexicalRank = lexicalRank
        self.fusedScore = fusedScore
    }
}
