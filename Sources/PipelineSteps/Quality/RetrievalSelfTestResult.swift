/// The retrieval self-test step 4 runs after loading (`RetrievalSelfTest`): for a sample of the task's pairs, is the
/// pair itself among the first 1 and 5 results of `search` for its own question, and for a paraphrase of it made
/// from the vocabulary (a measure's synonym, a business synonym)? Kept in `training_load_result.json` and copied
/// into the quality report.
struct RetrievalSelfTestResult: Codable, Equatable {
    struct Recall: Codable, Equatable {
        var questions: Int
        var hitsAt1: Int
        var hitsAt5: Int
        var recallAt1: Double
        var recallAt5: Double

        init(questions: Int, hitsAt1: Int, hitsAt5: Int) {
            self.questions = questions
            self.hitsAt1 = hitsAt1
            self.hitsAt5 = hitsAt5
            recallAt1 = questions > 0 ? Self.rounded(Double(hitsAt1) / Double(questions)) : 0
            recallAt5 = questions > 0 ? Self.rounded(Double(hitsAt5) / Double(questions)) : 0
        }

        static func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }

        enum CodingKeys: String, CodingKey {
            case questions
            case hitsAt1 = "hits_at_1", hitsAt5 = "hits_at_5", recallAt1 = "recall_at_1", recallAt5 = "recall_at_5"
        }
    }

    /// A question whose pair was not in the first five, with what it was made from.
    struct Miss: Codable, Equatable {
        var question: String
        var original: String
    }

    var pairs: Int
    /// Pairs tested (all of them up to `RetrievalSelfTest.maxQuestions`, else an even sample).
    var sampled: Int
    var ownQuestions: Recall
    var paraphrases: Recall
    var misses: [Miss]
    var searchMode: String
    var embeddingModel: String
    var durationMS: Int

    enum CodingKeys: String, CodingKey {
        case pairs, sampled, paraphrases, misses
        case ownQuestions = "own_questions", searchMode = "search_mode", embeddingModel = "embedding_model"
        case durationMS = "duration_ms"
    }
}
