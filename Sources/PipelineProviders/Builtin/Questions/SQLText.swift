import Foundation
import PipelineCore

/// Pieces of generated SQL text: column references, Chinese aliases, literals and month ranges.
enum SQLText {
    /// `col` or `t.col`, quoted where PostgreSQL needs it.
    static func column(_ column: ColumnDescription, qualifier: String? = nil) -> String {
        let name = SQLIdentifier.display(column.name)
        return qualifier.map { "\($0).\(name)" } ?? name
    }

    /// A Chinese alias PostgreSQL accepts unquoted when it can (letters, digits, `_`, CJK), quoted otherwise.
    static func alias(_ label: String) -> String {
        let kept = label.unicodeScalars.filter { scalar in
            scalar == "_" || CharacterSet.alphanumerics.contains(scalar)
        }
        let text = String(String.UnicodeScalarView(kept))
        guard let first = text.unicodeScalars.first else { return "\"值\"" }
        let plain = !CharacterSet.decimalDigits.contains(first)
            && text.unicodeScalars.allSatisfy { $0.value > 0x7F || ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
            && !SQLIdentifier.isReservedWord(text)
        return plain ? text : SQLIdentifier.quote(text)
    }

    /// A string literal (standard_conforming_strings: only `'` needs doubling).
    static func literal(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// `WHERE a AND b` from the conditions that exist, or nothing.
    static func whereClause(_ conditions: [String?]) -> String {
        let present = conditions.compactMap { $0 }
        return present.isEmpty ? "" : " WHERE " + present.joined(separator: " AND ")
    }

    /// The year and month of a sample value that starts like `2023-04-…`.
    static func month(ofSample sample: String) -> (year: Int, month: Int)? {
        let digits = Array(sample.prefix(7))
        guard digits.count == 7, digits[4] == "-", let year = Int(String(digits[0..<4])),
              let month = Int(String(digits[5..<7])), (1...12).contains(month), (1900...2200).contains(year) else { return nil }
        return (year, month)
    }

    /// `col >= 'YYYY-MM-01' AND col < '<next month>-01'`: index-friendly and right for dates and timestamps.
    static func monthRange(_ reference: String, year: Int, month: Int) -> String {
        let next = month == 12 ? (year + 1, 1) : (year, month + 1)
        return "\(reference) >= '\(String(format: "%04d-%02d-01", year, month))' AND \(reference) < '\(String(format: "%04d-%02d-01", next.0, next.1))'"
    }
}
