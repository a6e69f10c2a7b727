/// A value of libpg_query's JSON parse tree. A node is an object with one key, its type (`{"RangeVar": {…}}`);
/// numbers keep their text (the tree only holds integers and constants' digits). Object fields keep the parser's
/// order (the order of the C struct: a join's left side before its right), so every walk of the tree is
/// deterministic and follows the text; objects are small, so a lookup is a short linear search. Not `indirect`:
/// the arrays already hold the nesting, and a box per value was a third of the gate's time; the wider values
/// this leaves on the stack are why the tree's depth is bounded (`PgTreeJSON.maxDepth`).
public enum PgNode: Sendable {
    case object([(key: String, value: PgNode)])
    case array([PgNode])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    public subscript(key: String) -> PgNode? {
        if case .object(let fields) = self { return fields.first { $0.key == key }?.value }
        return nil
    }

    public var array: [PgNode]? {
        if case .array(let items) = self { return items }
        return nil
    }

    public var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    public var int: Int? {
        if case .number(let text) = self { return Int(text) }
        return nil
    }

    /// The node's type and its fields when this is a node (`{"FuncCall": {…}}`), else nil.
    public var typed: (type: String, fields: PgNode)? {
        guard case .object(let fields) = self, fields.count == 1, let (type, value) = fields.first,
              type.first?.isUppercase == true else { return nil }
        return (type, value)
    }

    /// The values directly inside this one (fields of an object, items of an array), for walking the tree.
    public var children: [PgNode] {
        switch self {
        case .object(let fields): return fields.map(\.value)
        case .array(let items): return items
        default: return []
        }
    }

    /// A canonical spelling: keys sorted, the given keys left out (e.g. `location`, which only says where a node
    /// was written). Two texts with the same canonical tree are the same statement.
    public func canonicalText(omitting omitted: Set<String>) -> String {
        var text = ""
        write(into: &text, omitting: omitted)
        return text
    }

    private func write(into text: inout String, omitting omitted: Set<String>) {
        switch self {
        case .object(let fields):
            text += "{"
            for (key, value) in fields.sorted(by: { $0.key < $1.key }) where !omitted.contains(key) {
                text += key
                text += ":"
                value.write(into: &text, omitting: omitted)
                text += ","
            }
            text += "}"
        case .array(let items):
            text += "["
            for item in items {
                item.write(into: &text, omitting: omitted)
                text += ","
            }
            text += "]"
        case .string(let value):
            // Length-prefixed: no escaping needed to keep two different strings apart.
            text += "\(value.utf8.count)'"
            text += value
        case .number(let value):
            text += value
        case .bool(let value):
            text += value ? "true" : "false"
        case .null:
            text += "null"
        }
    }
}
