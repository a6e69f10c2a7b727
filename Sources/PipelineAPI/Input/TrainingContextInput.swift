import PipelineCore

/// `POST /training_data/context`: `{question, db_name, budget_tokens?, top_k?}`; any other key is a 400.
struct TrainingContextInput: Decodable {
    var question: String?
    var dbName: String?
    var budgetTokens: Int?
    var topK: Int?

    static let fields = ["question", "dbName", "budgetTokens", "topK"]
    static let wireFields = "question, db_name, budget_tokens, top_k"

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        if let unknown = container.allKeys.map(\.stringValue).sorted().first(where: { !Self.fields.contains($0) }) {
            throw APIError.badRequest("不支持的参数: \(JSONBody.wireName(AnyKey(stringValue: unknown)))，可选: \(Self.wireFields)")
        }
        question = try container.decodeIfPresent(String.self, forKey: AnyKey(stringValue: "question"))
        dbName = try container.decodeIfPresent(String.self, forKey: AnyKey(stringValue: "dbName"))
        budgetTokens = try container.decodeIfPresent(Int.self, forKey: AnyKey(stringValue: "budgetTokens"))
        topK = try container.decodeIfPresent(Int.self, forKey: AnyKey(stringValue: "topK"))
    }
}
