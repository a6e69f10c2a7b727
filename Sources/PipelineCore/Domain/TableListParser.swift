import Foundation

/// The one parser for table lists (JSON route, uploaded file, and the worker reading `table_list.txt`).
///
/// Blank lines and lines starting with `#` or `--` are skipped; a line may hold several names separated by commas;
/// duplicates are dropped keeping the first, in order. Invalid names are collected, not silently skipped.
public struct TableListParser: Sendable {
    public static let maxTables = 1000

    public struct Result: Sendable, Equatable {
        /// Valid, de-duplicated names in order.
        public var tables: [TableName]
        /// How many non-empty names were read, before validation and de-duplication.
        public var originalCount: Int
        /// Names that are not valid identifiers, as written.
        public var invalidNames: [String]
    }

    public init() {}

    /// Parses a whole file's text.
    public func parse(text: String) -> Result {
        var names: [String] = []
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("--") { continue }
            names.append(contentsOf: splitCommas(line))
        }
        return parse(names: names)
    }

    /// Parses names already split (the JSON route's array, or its comma string split by `parse(commaSeparated:)`).
    public func parse(names: [String]) -> Result {
        var seen = Set<TableName>()
        var tables: [TableName] = []
        var invalid: [String] = []
        var originalCount = 0
        for raw in names {
            let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if name.isEmpty { continue }
            originalCount += 1
            if name.hasPrefix("#") || name.hasPrefix("--") { continue }
            guard let table = TableName(name) else {
                invalid.append(name)
                continue
            }
            if seen.insert(table).inserted { tables.append(table) }
        }
        return Result(tables: tables, originalCount: originalCount, invalidNames: invalid)
    }

    /// Splits a comma-separated string (commas inside double quotes do not split).
    public func parse(commaSeparated text: String) -> Result {
        parse(names: splitCommas(Substring(text)))
    }

    private func splitCommas<S: StringProtocol>(_ text: S) -> [String] {
        var pieces: [String] = []
        var current = ""
        var inQuotes = false
        for c in text {
            if c == "\"" { inQuotes.toggle() }
            if c == ",", !inQuotes {
                pieces.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        pieces.append(current)
        return pieces
    }
}
