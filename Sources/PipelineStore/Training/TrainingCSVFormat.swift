import Foundation

/// The backup file `training_items_<timestamp>.csv` (FORMATS.md `vector_bak/`): RFC 4180 CSV, UTF-8, CRLF line
/// ends, one header line, then one record per item in id order.
///
/// | column | spelling |
/// |---|---|
/// | `id`, `training_data_type`, `content`, `embedding_model` | the text |
/// | `question`, `task_id` | the text; NULL is an empty *unquoted* field, the empty string is `""` (PostgreSQL's COPY CSV convention) |
/// | `tables` | a JSON array of strings, e.g. `["public.bss_company"]` |
/// | `created_at` | PostgreSQL's `timestamptz` text in UTC with microseconds, `2026-01-05 10:00:00.123456+00` (exact) |
/// | `embedding` | `[f1,f2,…]`, each the shortest decimal that reads back as the same float32 (exact) |
///
/// A field is quoted when it contains a comma, a quote, CR or LF, or is the empty string; quotes inside are doubled.
enum TrainingCSVFormat {
    static let columns = ["id", "training_data_type", "question", "content", "tables", "task_id", "created_at",
                          "embedding_model", "embedding"]

    static func fileName(timestamp: String) -> String {
        "training_items_\(timestamp).csv"
    }

    /// One record with its line end.
    static func record(_ fields: [String?]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// One field: nil → nothing (NULL), else the text, quoted when needed.
    static func field(_ value: String?) -> String {
        guard let value else { return "" }
        let needsQuotes = value.isEmpty || value.unicodeScalars.contains { scalar in
            scalar == "," || scalar == "\"" || scalar == "\r" || scalar == "\n"
        }
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The table names as a JSON array (non-ASCII kept as is, `/` not escaped).
    static func tablesJSON(_ tables: [String]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return String(decoding: try encoder.encode(tables), as: UTF8.self)
    }

    /// True for `YYYY-MM-DD HH:MM:SS[.ffffff]±HH[:MM[:SS]]` with plausible field values (PostgreSQL checks the
    /// calendar itself). Strict on purpose: a restore must not guess what a hand-edited time means.
    static func isTimestamp(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        func number(_ digits: Int, in range: ClosedRange<Int>) -> Bool {
            guard index + digits <= scalars.count else { return false }
            var value = 0
            for scalar in scalars[index..<(index + digits)] {
                guard ("0"..."9").contains(scalar) else { return false }
                value = value * 10 + Int(scalar.value - 48)
            }
            index += digits
            return range.contains(value)
        }
        func literal(_ character: Unicode.Scalar) -> Bool {
            guard index < scalars.count, scalars[index] == character else { return false }
            index += 1
            return true
        }
        guard number(4, in: 1...9999), literal("-"), number(2, in: 1...12), literal("-"), number(2, in: 1...31),
              literal(" "), number(2, in: 0...23), literal(":"), number(2, in: 0...59), literal(":"),
              number(2, in: 0...60) else { return false }
        if literal(".") {
            var digits = 0
            while digits < 6, number(1, in: 0...9) { digits += 1 }
            guard digits > 0 else { return false }
        }
        guard literal("+") || literal("-"), number(2, in: 0...15) else { return false }
        if literal(":") {
            guard number(2, in: 0...59) else { return false }
            if literal(":") { guard number(2, in: 0...59) else { return false } }
        }
        return index == scalars.count
    }
}
