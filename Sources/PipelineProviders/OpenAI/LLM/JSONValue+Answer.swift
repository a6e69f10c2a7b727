import PipelineCore

/// Typed reads of a model's JSON that tolerate the usual variations (key case, aliases, one value for a list).
extension JSONValue {
    var objectValue: [String: JSONValue]? {
        if case .object(let fields) = self { return fields }
        return nil
    }

    var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The first of `names` present (keys compared case-insensitively, `-` and `_` alike); nil when none is.
    func field(_ names: String...) -> JSONValue? {
        guard let fields = objectValue else { return nil }
        func normal(_ key: String) -> String { key.lowercased().replacingOccurrences(of: "-", with: "_") }
        for name in names {
            if let value = fields[name] { return value }
            if let match = fields.first(where: { normal($0.key) == normal(name) }) { return match.value }
        }
        return nil
    }

    /// Strings: an array's strings (other items dropped), or one string split at `、`, `，` and `,`; nil for any
    /// other type.
    var stringList: [String]? {
        switch self {
        case .array(let items):
            return items.compactMap(\.stringValue)
        case .string(let text):
            return text.split(whereSeparator: { "、，,".contains($0) }).map(String.init)
        default:
            return nil
        }
    }

    /// The list an answer holds: the value itself when it is an array (a top-level array where an object was asked),
    /// else the first of `keys`, else the object's only array; a single object that has `itemKey` is a list of one.
    func list(_ keys: [String], itemKey: String) -> [JSONValue]? {
        if let items = arrayValue { return items }
        guard let fields = objectValue else { return nil }
        for key in keys {
            if let value = field(key) { return value.arrayValue }
        }
        let arrays = fields.values.compactMap(\.arrayValue)
        if arrays.count == 1 { return arrays[0] }
        if field(itemKey) != nil { return [self] }
        return nil
    }
}
