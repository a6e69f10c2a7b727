import Foundation
import PipelineCore

/// The body of `POST /training_data/search`. Strict: a field it does not know (a misspelt filter such as
/// `database`) is a 400 naming the accepted ones, not silently ignored — a filter that is ignored leaks results.
struct TrainingSearchInput: Decodable {
    var question: String?
    var topK: Int?
    var types: [String]?
    var dbName: String?
    var taskId: String?
    var mode: String?
    var explain: Bool?

    /// Wire names, as the snake-case decoder sees them (camel case).
    static let fields = ["question", "topK", "types", "dbName", "taskId", "mode", "explain"]
    static let wireFields = "question, top_k, types, db_name, task_id, mode, explain"

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: Decoder) throws {
        let keys = try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue)
        if let unknown = keys.sorted().first(where: { !Self.fields.contains($0) }) {
            throw APIError.badRequest("不支持的检索参数: \(JSONBody.wireName(AnyKey(stringValue: unknown)))，可选: \(Self.wireFields)")
        }
        let container = try decoder.container(keyedBy: AnyKey.self)
        func value<T: Decodable>(_ name: String, _ type: T.Type) throws -> T? {
            try container.decodeIfPresent(T.self, forKey: AnyKey(stringValue: name))
        }
        question = try value("question", String.self)
        topK = try value("topK", Int.self)
        types = try value("types", [String].self)
        dbName = try value("dbName", String.self)
        taskId = try value("taskId", String.self)
        mode = try value("mode", String.self)
        explain = try value("explain", Bool.self)
    }

    /// A filter value: trimmed, nil when absent; an empty or over-long one is a 400.
    static func filter(_ value: String?, field: String) throws -> String? {
        guard let value else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw APIError.badRequest("\(field) 不能为空；不限制时请省略该参数") }
        try TextLimits.check(trimmed, field: field, limit: TextLimits.filter)
        return trimmed
    }

    static func mode(_ name: String?) throws -> TrainingSearchMode {
        guard let name else { return .hybrid }
        guard let mode = TrainingSearchMode(rawValue: name) else {
            throw APIError.badRequest("不支持的检索方式: \(name)，可选: \(TrainingSearchMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return mode
    }
}
