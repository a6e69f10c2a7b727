/// The role of a column, from its type, name words, keys, statistics and values (general rules only).
public struct ColumnRoleClassifier {
    /// Columns of the table that reference another table (declared or inferred).
    public var foreignKeyColumns: Set<String>
    public var primaryKey: [String]
    public var statistics: TableStatistics?
    public var estimatedRows: Int64?

    public init(foreignKeyColumns: Set<String>, primaryKey: [String], statistics: TableStatistics?, estimatedRows: Int64?) {
        self.foreignKeyColumns = foreignKeyColumns
        self.primaryKey = primaryKey
        self.statistics = statistics
        self.estimatedRows = estimatedRows
    }

    static let keySuffixes: Set<String> = ["id", "no", "code", "key", "sn", "uuid", "guid", "num"]
    static let codeWords: Set<String> = [
        "type", "status", "state", "flag", "level", "grade", "kind", "category", "class", "mode", "gender", "sex",
        "classify", "tier", "stage", "phase", "channel", "source", "region", "city", "province", "country", "brand",
        "method", "way", "unit", "currency", "lang", "language", "platform", "system", "group",
    ]
    static let nameWords: Set<String> = ["name", "title", "label", "caption", "nickname", "alias"]
    static let freeTextWords: Set<String> = [
        "remark", "remarks", "note", "notes", "description", "desc", "memo", "comment", "comments", "content", "text",
        "detail", "details", "address", "addr", "question", "answer", "sql", "body", "message", "msg", "reason", "summary",
        "position", "location", "url", "path", "json", "extra", "tags",
    ]
    static let yearWords: Set<String> = ["year", "yr"]
    static let monthWords: Set<String> = ["month", "ym", "yyyymm"]
    /// Text columns with at most this many distinct values (and values that repeat) group rows well.
    static let dimensionMaxDistinct: Int64 = 100

    public func role(of column: ColumnDescription) -> ColumnRole {
        if column.isSensitive { return .sensitive }
        if AuditColumns.isAudit(column) || AuditColumns.isSoftDelete(column) { return .audit }
        if foreignKeyColumns.contains(column.name) { return .foreignKey }
        let words = NameTokens.tokens(column.name)
        let last = words.last ?? ""
        // A date in a composite key is the grain's time (`sale_date` of store × day), not an identifier.
        if [.date, .timestamp].contains(column.category), primaryKey.count > 1 || !primaryKey.contains(column.name) { return .time }
        if primaryKey.contains(column.name) { return .identifier }
        switch column.category {
        case .date, .timestamp:
            return .time
        case .boolean:
            return .dimension
        case .uuid:
            return .identifier
        case .binary:
            return .audit
        case .json, .array, .network, .time, .other:
            return .freeText
        case .integer, .decimal:
            return numericRole(column, words: words, last: last)
        case .text:
            return textRole(column, words: words, last: last)
        }
    }

    static let ordinalWords: Set<String> = ["sort", "seq", "sequence", "ordinal", "sortno", "orderby"]
    static let quantityWords: Set<String> = ["qty", "quantity", "count", "cnt", "amount", "amt", "total", "sum"]

    private func numericRole(_ column: ColumnDescription, words: [String], last: String) -> ColumnRole {
        if words.contains(where: Self.yearWords.contains) || words.contains(where: Self.monthWords.contains) {
            return column.category == .integer ? .time : .measure
        }
        // Display order and sequence numbers are bookkeeping, not quantities (`sort_order`, `seq_no`).
        if words.contains(where: Self.ordinalWords.contains) { return .audit }
        if column.category == .integer {
            // A quantity with few distinct values (1–5 items a line) is still a quantity.
            if words.contains(where: Self.quantityWords.contains) { return .measure }
            if Self.keySuffixes.contains(last) || words.first == "id" {
                return isLowCardinality(column) ? .dimension : .identifier
            }
            if words.contains(where: Self.codeWords.contains) || words.first == "is" || words.first == "has" { return .dimension }
            if let values = column.enumValues, values.count <= 8 { return .dimension }
        } else if ["id", "no", "code", "key"].contains(last) {
            return .identifier
        }
        return .measure
    }

    private func textRole(_ column: ColumnDescription, words: [String], last: String) -> ColumnRole {
        if let values = column.enumValues, values.count >= 1, !words.contains(where: Self.freeTextWords.contains) {
            return .dimension
        }
        if Self.keySuffixes.contains(last) || words == ["id"] {
            return isLowCardinality(column) ? .dimension : .identifier
        }
        if words.contains(where: Self.nameWords.contains) || column.name.hasSuffix("名称") || column.name.hasSuffix("名") {
            return .label
        }
        if words.contains(where: Self.freeTextWords.contains) { return .freeText }
        if words.contains(where: Self.codeWords.contains) || isLowCardinality(column) { return .dimension }
        return .freeText
    }

    /// Few distinct values that repeat (statistics, or enum values found by sampling).
    func isLowCardinality(_ column: ColumnDescription) -> Bool {
        if let values = column.enumValues, !values.isEmpty { return true }
        guard let stats = statistics?.columns[column.name], let distinct = stats.distinctCount(rows: estimatedRows) else {
            return false
        }
        let rows = estimatedRows ?? 0
        return distinct <= Self.dimensionMaxDistinct && Double(distinct) <= Double(rows) * (1 - stats.nullFraction) / 2
    }

    /// The granularity of a time column: what its type and name say, refined by samples (all at midnight → day).
    public static func granularity(of column: ColumnDescription) -> TimeGranularity {
        let words = NameTokens.tokens(column.name)
        if column.category != .date && column.category != .timestamp {
            return words.contains(where: yearWords.contains) && !words.contains(where: monthWords.contains) ? .year : .month
        }
        if column.category == .date { return .day }
        let atMidnight = !column.samples.isEmpty && column.samples.allSatisfy { sample in
            sample.count == 10 || sample.contains(" 00:00:00") || sample.contains("T00:00:00")
        }
        return atMidnight ? .day : .second
    }
}
