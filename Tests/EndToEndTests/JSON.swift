import Foundation

/// A decoded JSON document with exact types (JSONSerialization on Linux cannot tell `1` from `true`).
enum JSON: Decodable, Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSON])
    case object([String: JSON])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSON].self))
        }
    }

    static func parse(_ data: Data) -> JSON? {
        try? JSONDecoder().decode(JSON.self, from: data)
    }

    subscript(key: String) -> JSON? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    subscript(index: Int) -> JSON? {
        if case .array(let array) = self, array.indices.contains(index) { return array[index] }
        return nil
    }

    var string: String? { if case .string(let value) = self { return value } else { return nil } }
    var bool: Bool? { if case .bool(let value) = self { return value } else { return nil } }
    var array: [JSON]? { if case .array(let value) = self { return value } else { return nil } }
    var object: [String: JSON]? { if case .object(let value) = self { return value } else { return nil } }
    var isNull: Bool { self == .null }

    /// The number when it is integral.
    var int: Int? {
        if case .number(let value) = self, value.rounded() == value, abs(value) < 1e15 { return Int(value) }
        return nil
    }

    var keys: Set<String> { Set(object?.keys.map { $0 } ?? []) }

    /// Every string anywhere in the document (values, not keys).
    var allStrings: [String] {
        switch self {
        case .string(let value): return [value]
        case .array(let values): return values.flatMap(\.allStrings)
        case .object(let values): return values.values.flatMap(\.allStrings)
        default: return []
        }
    }

    var description: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return String(value)
        case .number(let value): return int.map(String.init) ?? String(value)
        case .string(let value): return value.debugDescription
        case .array(let values): return "[" + values.map(\.description).joined(separator: ", ") + "]"
        case .object(let values):
            return "{" + values.keys.sorted().map { "\($0.debugDescription): \(values[$0]!.description)" }
                .joined(separator: ", ") + "}"
        }
    }
}

/// JSON request bodies written by hand, so tests can send exactly the (hostile) bytes they mean.
enum JSONText {
    /// A JSON object from Swift values (String, Int, Bool, arrays, nested dictionaries, NSNull).
    static func object(_ fields: [String: Any]) -> Data {
        // JSONSerialization is fine for *writing* typed Swift values.
        try! JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
    }
}
