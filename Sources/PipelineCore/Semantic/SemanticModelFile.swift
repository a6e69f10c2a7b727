import Foundation

/// `semantic_model.json` in a task directory: deterministic encoding (sorted keys, same model → same bytes),
/// decoding with the JSON path of the first problem, and reading back for the later steps.
public enum SemanticModelFile {
    public static let fileName = "semantic_model.json"

    public static func encode(_ model: SemanticModel) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var data = try encoder.encode(model)
        data.append(0x0A)
        return data
    }

    /// The model in `data`, checked on its own and, when `documents` are given, against the task's table documents.
    public static func decode(_ data: Data, documents: [TableDescription]? = nil) throws(SemanticModelProblem) -> SemanticModel {
        let model: SemanticModel
        do {
            model = try JSONDecoder().decode(SemanticModel.self, from: data)
        } catch let error as DecodingError {
            throw SemanticModelProblem.decoding(error)
        } catch {
            throw SemanticModelProblem(path: "$", problem: "不是有效的JSON")
        }
        try SemanticModelValidator(model: model, documents: documents).validate()
        return model
    }

    /// The task's model, or nil when there is none; a model that does not decode or validate is reported to
    /// `problem` and ignored (the steps then work from the documents alone).
    public static func read(from directory: TaskDirectory, problem: (SemanticModelProblem) -> Void = { _ in }) -> SemanticModel? {
        guard let name = SafeFileName(fileName), let data = try? Data(contentsOf: directory.fileURL(name)) else { return nil }
        do {
            return try decode(data)
        } catch {
            problem(error)
            return nil
        }
    }
}

/// Why a semantic model was refused: where (a JSON path such as `$.tables[2].columns[0].name`) and what, in Chinese.
public struct SemanticModelProblem: Error, Equatable, CustomStringConvertible {
    public var path: String
    public var problem: String

    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { "\(path): \(problem)" }

    static func decoding(_ error: DecodingError) -> SemanticModelProblem {
        switch error {
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return SemanticModelProblem(path: "$", problem: "不是有效的JSON（格式错误）") }
            return SemanticModelProblem(path: path(context.codingPath), problem: "取值无效: \(context.debugDescription)")
        case .keyNotFound(let key, let context):
            return SemanticModelProblem(path: path(context.codingPath + [key]), problem: "缺少必填字段")
        case .typeMismatch(let type, let context):
            return SemanticModelProblem(path: path(context.codingPath), problem: "类型错误，应为 \(typeName(type))")
        case .valueNotFound(let type, let context):
            return SemanticModelProblem(path: path(context.codingPath), problem: "不能为空，应为 \(typeName(type))")
        @unknown default:
            return SemanticModelProblem(path: "$", problem: "无法解析")
        }
    }

    static func path(_ keys: [CodingKey]) -> String {
        keys.reduce("$") { path, key in
            if let index = key.intValue { return path + "[\(index)]" }
            return path + "." + key.stringValue
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "字符串"
        case is Int.Type, is Int64.Type, is Double.Type: "数字"
        case is Bool.Type: "布尔值"
        default: "\(type)"
        }
    }
}
