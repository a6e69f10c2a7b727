import Foundation

/// One object of a pair file. `question` and `sql` are the contract; other keys (`theme`, `tables`, `difficulty`, or
/// whatever a user added) are kept as they are when the file is rewritten.
public struct PairFileEntry: Sendable, Equatable {
    public var fields: [String: JSONValue]

    public init(fields: [String: JSONValue]) {
        self.fields = fields
    }

    public init(_ pair: QuestionSQLPair) {
        var fields: [String: JSONValue] = ["question": .string(pair.question), "sql": .string(pair.sql)]
        if let theme = pair.theme { fields["theme"] = .string(theme) }
        if let tables = pair.tables { fields["tables"] = .array(tables.map(JSONValue.string)) }
        if let difficulty = pair.difficulty { fields["difficulty"] = .string(difficulty.rawValue) }
        self.fields = fields
    }

    /// The trimmed question (key matched case-insensitively, as the predecessor's loader did); nil when absent or empty.
    public var question: String? { text(for: "question") }
    public var sql: String? { text(for: "sql") }

    /// The `tables` key as strings, when present.
    public var tables: [String] {
        guard case .array(let values)? = fields["tables"] else { return [] }
        return values.compactMap { if case .string(let text) = $0 { return text } else { return nil } }
    }

    /// Replaces the SQL under the key the file already uses.
    public mutating func setSQL(_ sql: String) {
        let key = fields.keys.first { $0.lowercased() == "sql" } ?? "sql"
        fields[key] = .string(sql)
    }

    private func text(for key: String) -> String? {
        guard let match = fields.first(where: { $0.key.lowercased() == key }), case .string(let value) = match.value else {
            return nil
        }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}

/// Why a pair file cannot be read at all (a bad item is a `PairFileItem.malformed` instead).
public struct PairFileError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

/// `qs_<db>_<YYYYMMDD_HHMMSS>_pair.json` (FORMATS.md §3): a pretty-printed JSON array, non-ASCII unescaped, keys in
/// a stable order (`question`, `sql`, then the rest alphabetically).
public enum PairFile {
    public static func fileName(database: String, now: Date) -> String {
        let safe = database.unicodeScalars.map { scalar -> String in
            CharacterSet.alphanumerics.contains(scalar) || scalar == "_" || scalar == "-" ? String(scalar) : "_"
        }.joined()
        return "qs_\(safe.isEmpty ? "database" : safe)_\(LocalTimestamp.compact(now))_pair.json"
    }

    /// A pair file as steps 3 and 4 look for it.
    public static func isPairFile(_ name: String) -> Bool {
        name.hasSuffix("_pair.json") || name.hasSuffix("_pairs.json")
    }

    /// Step 2's replacement candidates next to a pair file: `X_pair.json` → `X_pair_candidates.json`.
    public static func candidatesFileName(of pairFile: String) -> String {
        (pairFile.hasSuffix(".json") ? String(pairFile.dropLast(5)) : pairFile) + "_candidates.json"
    }

    public static func isCandidatesFile(_ name: String) -> Bool {
        name.hasSuffix("_pair_candidates.json") || name.hasSuffix("_pairs_candidates.json")
    }

    /// Every element of the array in file order, each a pair or a malformed item with its reason.
    public static func items(_ data: Data) throws -> [PairFileItem] {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: data), case .array(let items) = value else {
            throw PairFileError(description: "输入文件应包含Question-SQL对的数组")
        }
        return items.map(PairFileItem.init)
    }

    /// The entries with a question and a SQL, and how many items were skipped (not objects, or lacking either).
    public static func parse(_ data: Data) throws -> (entries: [PairFileEntry], skipped: Int) {
        var entries: [PairFileEntry] = []
        var skipped = 0
        for item in try items(data) {
            if case .pair(let entry) = item { entries.append(entry) } else { skipped += 1 }
        }
        return (entries, skipped)
    }

    public static func render(_ entries: [PairFileEntry]) -> Data {
        render(values: entries.map { .object($0.fields) })
    }

    /// Any array elements (malformed items written back as they were read), objects with the pair key order.
    public static func render(values: [JSONValue]) -> Data {
        var out = "[\n"
        for (index, value) in values.enumerated() {
            out += "  " + PrettyJSON.render(value, indent: 1, keyOrder: keyOrder)
            out += index == values.count - 1 ? "\n" : ",\n"
        }
        out += "]\n"
        return Data(out.utf8)
    }

    static func keyOrder(_ left: String, _ right: String) -> Bool {
        let leading = ["question", "sql", "theme", "tables", "difficulty"]
        let leftRank = leading.firstIndex(of: left.lowercased()) ?? leading.count
        let rightRank = leading.firstIndex(of: right.lowercased()) ?? leading.count
        return (leftRank, left) < (rightRank, right)
    }
}

/// Indented JSON text with a chosen key order (JSONEncoder can only sort keys alphabetically).
enum PrettyJSON {
    static func render(_ value: JSONValue, indent: Int, keyOrder: (String, String) -> Bool) -> String {
        let pad = String(repeating: "  ", count: indent + 1)
        let closing = String(repeating: "  ", count: indent)
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number: return String(decoding: (try? JSONEncoder().encode(value)) ?? Data("0".utf8), as: UTF8.self)
        case .string(let text): return quoted(text)
        case .array(let items):
            guard !items.isEmpty else { return "[]" }
            return "[\n" + items.map { pad + render($0, indent: indent + 1, keyOrder: keyOrder) }.joined(separator: ",\n")
                + "\n" + closing + "]"
        case .object(let fields):
            guard !fields.isEmpty else { return "{}" }
            let keys = fields.keys.sorted(by: keyOrder)
            return "{\n" + keys.map { pad + quoted($0) + ": " + render(fields[$0]!, indent: indent + 1, keyOrder: keyOrder) }
                .joined(separator: ",\n") + "\n" + closing + "}"
        }
    }

    static func quoted(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(text)) ?? Data("\"\"".utf8), as: UTF8.self)
    }
}
