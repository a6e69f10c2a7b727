import Foundation

/// One element of a pair file's array as read: a pair with a question and a SQL, or anything else, kept as it was
/// with the reason it is not a pair. Step 3 reports malformed items as invalid and writes them back unchanged.
public enum PairFileItem: Sendable, Equatable {
    case pair(PairFileEntry)
    case malformed(JSONValue, reason: String)

    /// Classifies one array element; `reason` is Chinese, for the validation report and the log.
    public init(_ value: JSONValue) {
        guard case .object(let fields) = value else {
            self = .malformed(value, reason: "条目不是JSON对象（实际为\(PairFileItem.kindName(value))）")
            return
        }
        let entry = PairFileEntry(fields: fields)
        let problems = [PairFileItem.problem(with: "question", in: fields), PairFileItem.problem(with: "sql", in: fields)]
            .compactMap { $0 }
        self = problems.isEmpty ? .pair(entry) : .malformed(value, reason: problems.joined(separator: "；"))
    }

    /// The element as it is written back.
    public var value: JSONValue {
        switch self {
        case .pair(let entry): return .object(entry.fields)
        case .malformed(let value, _): return value
        }
    }

    /// What is wrong with `key` (matched case-insensitively, as `PairFileEntry` reads it), or nil when it is usable.
    static func problem(with key: String, in fields: [String: JSONValue]) -> String? {
        guard let match = fields.first(where: { $0.key.lowercased() == key }) else { return "缺少\(key)字段" }
        switch match.value {
        case .string(let text):
            return text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? "\(key)字段为空" : nil
        case .null:
            return "\(key)字段为null"
        default:
            return "\(key)字段不是字符串（实际为\(kindName(match.value))）"
        }
    }

    static func kindName(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "布尔值"
        case .number: return "数字"
        case .string: return "字符串"
        case .array: return "数组"
        case .object: return "对象"
        }
    }
}
