import PipelineCore
import Postgres

/// Step 1's bounded reads of one table: an exact row count for small tables, sample values, the range of indexed
/// time columns, sensitivity flags and enum values. Never reads a large table whole: `LIMIT` for small or unknown
/// tables, `TABLESAMPLE` (+ `LIMIT`) for large ones, every count capped by a `LIMIT` inside the subquery, and
/// `min`/`max` only of columns an index leads (two index descents). Count, ranges and samples are one statement.
struct TableSampler {
    let options: IntrospectionOptions

    /// Above this estimate rows are drawn from random blocks (`TABLESAMPLE SYSTEM`) rather than the first ones.
    static let largeTableRows: Int64 = 100_000
    /// Stored length a sampled value is read with; the document shows at most `shownLength` characters of it.
    static let readLength = 200
    static let shownLength = 50
    /// Indexed time columns whose range is read (the first business ones).
    static let maxRangeColumns = 3

    func sample(
        _ table: TableDescription, statistics: TableStatistics?, reader: ReadOnlyReader
    ) throws(PostgresError) -> (TableDescription, SampledFacts) {
        var result = table
        let relation = Self.relation(table.reference)
        let rules = options.sensitivity
        let sampled = result.columns.filter { !Self.isBinary($0) && !rules.isSensitive(columnName: $0.name) }
        let ranged = Array(table.columns.filter { column in
            (column.category == .date || column.category == .timestamp) && statistics?.indexedColumns.contains(column.name) == true
                && !AuditColumns.isAudit(column) && !AuditColumns.isSoftDelete(column)
        }.prefix(Self.maxRangeColumns))
        let read = try headAndSamples(relation, columns: sampled, ranged: ranged, table: result, reader: reader)
        if let exact = read.count { result.estimatedRows = exact }
        let values = read.values
        for index in result.columns.indices {
            let column = result.columns[index]
            let columnValues = values[column.name] ?? []
            // Keys are identifiers, not personal data, even when they look like it: a 19-digit snowflake id
            // matches the bank-card pattern.
            let isKey = column.isPrimaryKey || column.isForeignKey
            result.columns[index].isSensitive = rules.isSensitive(columnName: column.name)
                || (!isKey && rules.isSensitive(values: columnValues))
            result.columns[index].samples = result.columns[index].isSensitive ? [] : distinctSamples(columnValues)
        }

        let candidates = result.columns.filter { !$0.isSensitive && EnumDetector.isCandidate($0) }
        let enums = try EnumDetector(options: options).enumValues(
            of: result, candidates: candidates, statistics: statistics, reader: reader)
        for index in result.columns.indices {
            guard let labels = enums[result.columns[index].name] else { continue }
            // Values a name did not give away still can (a `contact` column whose few values are e-mails).
            if rules.isSensitive(values: labels) {
                result.columns[index].isSensitive = true
                result.columns[index].samples = []
            } else {
                result.columns[index].enumValues = labels
            }
        }
        return (result, SampledFacts(timeRanges: read.ranges))
    }

    struct HeadAndSamples {
        var count: Int64?
        var ranges: [String: ValueRange] = [:]
        var values: [String: [String]] = [:]
    }

    /// One statement: a head row (capped count when the table is small or unknown, `min`/`max` of the ranged
    /// columns) joined to up to `sampleRows` sample rows; a second, plain `LIMIT` read only when `TABLESAMPLE`
    /// picked no block.
    private func headAndSamples(
        _ relation: PostgresQuery, columns: [ColumnDescription], ranged: [ColumnDescription], table: TableDescription,
        reader: ReadOnlyReader
    ) throws(PostgresError) -> HeadAndSamples {
        let cap = options.exactCountBelowRows
        let counts = cap > 0 && (table.estimatedRows.map { $0 < cap } ?? true)
        var head: [PostgresQuery] = []
        if counts {
            head.append("(SELECT count(*) FROM (SELECT 1 FROM \(relation) LIMIT \(cap)) c) AS dp_count")
        }
        for (offset, column) in ranged.enumerated() {
            head.append("(SELECT min(\(identifier: column.name)) FROM \(relation))::text AS \(identifier: "dp_min\(offset)")")
            head.append("(SELECT max(\(identifier: column.name)) FROM \(relation))::text AS \(identifier: "dp_max\(offset)")")
        }
        var selectList = PostgresQuery.joined(columns.enumerated().map { offset, column in
            "left(\(identifier: column.name)::text, \(Self.readLength)) AS \(identifier: "v\(offset)")"
        }, separator: ", ")
        if columns.isEmpty { selectList = "1 AS dp_none" }
        var source = relation
        if let percent = samplePercent(table) {
            // REPEATABLE keeps re-runs of the step on unchanged data producing the same documents.
            source = "\(relation) TABLESAMPLE SYSTEM (\(percent)::real) REPEATABLE (0)"
        }
        let samples: PostgresQuery = "SELECT \(selectList) FROM \(source) LIMIT \(max(0, options.sampleRows))"
        let query: PostgresQuery = head.isEmpty ? samples : """
            SELECT h.*, s.* FROM (SELECT \(PostgresQuery.joined(head, separator: ", "))) h \
            LEFT JOIN LATERAL (\(samples)) s ON true
            """
        guard let rows = try reader.read({ connection in try connection.query(query) }) else {
            return HeadAndSamples()
        }
        var result = HeadAndSamples()
        if let first = rows.first {
            if counts, let counted = try? first.optionalInt("dp_count"), Int64(counted) < cap { result.count = Int64(counted) }
            for (offset, column) in ranged.enumerated() {
                if let low = try? first.optionalString("dp_min\(offset)"), let high = try? first.optionalString("dp_max\(offset)") {
                    result.ranges[column.name] = ValueRange(min: low, max: high)
                }
            }
        }
        result.values = values(of: rows, columns: columns)
        if result.values.isEmpty, samplePercent(table) != nil, !columns.isEmpty {
            // SYSTEM picks whole blocks and may pick none; then the first rows are better than nothing.
            let plain: PostgresQuery = "SELECT \(selectList) FROM \(relation) LIMIT \(options.sampleRows)"
            if let rows = try reader.read({ connection in try connection.query(plain) }) { result.values = values(of: rows, columns: columns) }
        }
        return result
    }

    private func values(of rows: PostgresRows, columns: [ColumnDescription]) -> [String: [String]] {
        var values: [String: [String]] = [:]
        for row in rows {
            for (offset, column) in columns.enumerated() {
                if let value = try? row.optionalString("v\(offset)") {
                    values[column.name, default: []].append(value)
                }
            }
        }
        return values
    }

    /// The `TABLESAMPLE SYSTEM` percentage for a large table (aiming at ~1000 rows, so a few blocks), nil otherwise.
    private func samplePercent(_ table: TableDescription) -> Double? {
        guard [.table, .partitionedTable, .materializedView].contains(table.kind),
              let estimate = table.estimatedRows, estimate > Self.largeTableRows else { return nil }
        let wanted = Double(max(1_000, options.sampleRows * 50))
        return min(100, wanted * 100 / Double(estimate))
    }

    /// Up to `samplesPerColumn` distinct non-blank values in reading order, each cut to `shownLength` characters.
    private func distinctSamples(_ values: [String]) -> [String] {
        var kept: [String] = []
        for value in values where kept.count < options.samplesPerColumn {
            let shown = String(value.prefix(Self.shownLength))
            guard !shown.allSatisfy(\.isWhitespace), !kept.contains(shown) else { continue }
            kept.append(shown)
        }
        return kept
    }

    static func isBinary(_ column: ColumnDescription) -> Bool {
        column.category == .binary || column.dataType.hasPrefix("bytea")
    }

    /// The table's quoted, schema-qualified name as a piece of SQL.
    static func relation(_ reference: TableReference) -> PostgresQuery {
        "\(identifier: reference.schema, reference.name)"
    }
}
