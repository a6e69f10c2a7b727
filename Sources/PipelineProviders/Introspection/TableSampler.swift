import PipelineCore
import Postgres

/// Step 1's bounded reads of one table: an exact row count for small tables, sample values, sensitivity flags and
/// enum values. Never reads a large table whole: `LIMIT` for small or unknown tables, `TABLESAMPLE` (+ `LIMIT`) for
/// large ones, and every count or probe is capped by a `LIMIT` inside the subquery.
struct TableSampler {
    let options: IntrospectionOptions

    /// Above this estimate rows are drawn from random blocks (`TABLESAMPLE SYSTEM`) rather than the first ones.
    static let largeTableRows: Int64 = 100_000
    /// Stored length a sampled value is read with; the document shows at most `shownLength` characters of it.
    static let readLength = 200
    static let shownLength = 50

    func sample(_ table: TableDescription, reader: ReadOnlyReader) throws(PostgresError) -> TableDescription {
        var result = table
        let relation = Self.quotedName(table.reference)
        if let exact = try exactCount(relation, estimate: table.estimatedRows, reader: reader) {
            result.estimatedRows = exact
        }

        let rules = options.sensitivity
        let sampled = result.columns.filter { !Self.isBinary($0) && !rules.isSensitive(columnName: $0.name) }
        let values = try sampleValues(relation, columns: sampled, table: result, reader: reader)
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
        let enums = try EnumDetector(options: options).enumValues(of: result, candidates: candidates, reader: reader)
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
        return result
    }

    /// `count(*)` over at most `exactCountBelowRows` rows, when the estimate is below that or unknown; nil when the
    /// table reached the cap (the estimate stays) or the count failed.
    private func exactCount(_ relation: String, estimate: Int64?, reader: ReadOnlyReader) throws(PostgresError) -> Int64? {
        let cap = options.exactCountBelowRows
        guard cap > 0, estimate.map({ $0 < cap }) ?? true else { return nil }
        let counted = try reader.read { connection in
            try connection.query(PostgresQuery(
                unsafeSQL: "SELECT count(*) AS n FROM (SELECT 1 FROM \(relation) LIMIT $1) s", [cap]
            )).first?.int("n")
        }
        guard let counted = counted ?? nil, Int64(counted) < cap else { return nil }
        return Int64(counted)
    }

    /// All non-null values (each read cut to `readLength` characters) of up to `sampleRows` rows, by column name.
    private func sampleValues(
        _ relation: String, columns: [ColumnDescription], table: TableDescription, reader: ReadOnlyReader
    ) throws(PostgresError) -> [String: [String]] {
        guard !columns.isEmpty, options.sampleRows > 0 else { return [:] }
        let selectList = columns.enumerated().map { offset, column in
            "left(\(PostgresConnection.quoteIdentifier(column.name))::text, \(Self.readLength)) AS v\(offset)"
        }.joined(separator: ", ")
        let plain = PostgresQuery(unsafeSQL: "SELECT \(selectList) FROM \(relation) LIMIT $1", [options.sampleRows])
        var queries = [plain]
        if let percent = samplePercent(table) {
            // REPEATABLE keeps re-runs of the step on unchanged data producing the same documents.
            let sampled = PostgresQuery(
                unsafeSQL: "SELECT \(selectList) FROM \(relation) TABLESAMPLE SYSTEM ($2::real) REPEATABLE (0) LIMIT $1",
                [options.sampleRows, percent]
            )
            // SYSTEM picks whole blocks and may pick none; then the first rows are better than nothing.
            queries.insert(sampled, at: 0)
        }
        for query in queries {
            guard let rows = try reader.read({ connection in try connection.query(query) }), !rows.isEmpty else { continue }
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
        return [:]
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

    static func quotedName(_ reference: TableReference) -> String {
        PostgresConnection.quoteIdentifier(reference.schema) + "." + PostgresConnection.quoteIdentifier(reference.name)
    }
}
