import PipelineCore
import Postgres

/// Finds enum-like columns: labels of real enum types from `pg_enum`; otherwise the planner statistics
/// (`pg_stats`), and for columns without statistics a bounded distinct-value probe. Each is one statement per table.
struct EnumDetector {
    let options: IntrospectionOptions

    /// Longest value an enum may have; longer values are free text.
    static let maxValueLength = 50

    /// Whether a column may be enum-like at all: text, enum types and small integers that are not keys, ids or
    /// audit columns (`version`, `created_by`: a handful of repeated values, but no business category).
    /// Timestamps, decimals, booleans, JSON and the like never are.
    static func isCandidate(_ column: ColumnDescription) -> Bool {
        guard !column.isPrimaryKey, !column.isForeignKey, !AuditColumnName.matches(column.name) else { return false }
        let name = column.name.lowercased()
        if name == "id" || name.hasSuffix("_id") || column.name.hasSuffix("Id") || column.name.hasSuffix("ID") { return false }
        switch column.category {
        case .text: return true
        case .integer: return column.dataType == "smallint" || column.dataType == "integer"
        default: return false
        }
    }

    /// Enum values by column name, most frequent first (enum types: in their declared order), from the catalog
    /// phase's set-based statistics; columns the statistics cannot answer for are probed (one bounded statement).
    func enumValues(
        of table: TableDescription, candidates: [ColumnDescription], statistics: TableStatistics?, reader: ReadOnlyReader
    ) throws(PostgresError) -> [String: [String]] {
        guard !candidates.isEmpty, options.enumMaxDistinct > 0 else { return [:] }
        var found: [String: [String]] = [:]
        var unknown: [ColumnDescription] = []
        let rows = table.estimatedRows ?? 0
        for column in candidates {
            if let labels = statistics?.enumLabels[column.name], !labels.isEmpty {
                found[column.name] = labels
            } else if let columnStatistics = statistics?.columns[column.name] {
                if let values = fromStatistics(columnStatistics, rows: rows) { found[column.name] = values }
            } else {
                unknown.append(column)
            }
        }
        if !unknown.isEmpty {
            let probed = try reader.read { connection in try probe(connection, table: table.reference, columns: unknown) }
            found.merge(probed ?? [:]) { first, _ in first }
        }
        return found
    }

    /// Statistics say enum when the distinct count is small, the most-common values cover (almost) all non-null
    /// rows, no value is long, and values repeat (two rows per value on average: ten unique names in a ten-row
    /// table are not an enum).
    func fromStatistics(_ statistics: ColumnStatistics, rows: Int64) -> [String]? {
        let values = statistics.mostCommonValues
        guard !values.isEmpty, values.count <= options.enumMaxDistinct else { return nil }
        let distinct = statistics.distinct >= 0 ? statistics.distinct : -statistics.distinct * Double(rows)
        let nonNullShare = 1 - statistics.nullFraction
        let covered = statistics.mostCommonFrequencies.reduce(0, +)
        guard distinct <= Double(options.enumMaxDistinct) + 0.5, covered >= nonNullShare * 0.98,
              values.allSatisfy({ $0.count <= Self.maxValueLength }),
              Double(rows) * nonNullShare >= 2 * Double(values.count) else { return nil }
        return values
    }

    /// Decides from a probe: at most `enumMaxDistinct` short values that repeat.
    func fromProbe(values: [String], nonNullRows: Int) -> [String]? {
        guard !values.isEmpty, values.count <= options.enumMaxDistinct,
              values.allSatisfy({ $0.count <= Self.maxValueLength }), nonNullRows >= 2 * values.count else { return nil }
        return values
    }

    /// Distinct values of the columns among the first `enumProbeRows` rows, most frequent first, in one statement:
    /// the rows are read once into a CTE and each column grouped from there.
    private func probe(
        _ connection: CountedConnection, table: TableReference, columns: [ColumnDescription]
    ) throws(PostgresError) -> [String: [String]] {
        // One character over the limit is enough to tell a too-long value.
        let inner = columns.enumerated().map { offset, column -> PostgresQuery in
            "left(\(identifier: column.name)::text, \(Self.maxValueLength + 1)) AS \(identifier: "v\(offset)")"
        }
        let outer = columns.indices.map { offset -> PostgresQuery in
            let (value, count, values) = ("v\(offset)", "n\(offset)", "e\(offset)")
            return """
                count(\(identifier: value)) AS \(identifier: count), ARRAY(SELECT \(identifier: value) FROM probe \
                WHERE \(identifier: value) IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 \
                LIMIT \(options.enumMaxDistinct + 1)) AS \(identifier: values)
                """
        }
        let rows = try connection.query("""
            WITH probe AS MATERIALIZED (SELECT \(PostgresQuery.joined(inner, separator: ", ")) \
            FROM \(identifier: table.schema, table.name) LIMIT \(options.enumProbeRows)) \
            SELECT \(PostgresQuery.joined(outer, separator: ", ")) FROM probe
            """)
        guard let row = rows.first else { return [:] }
        var found: [String: [String]] = [:]
        for (offset, column) in columns.enumerated() {
            let values = try row.optionalNullableStringArray("e\(offset)")?.compactMap { $0 } ?? []
            if let accepted = fromProbe(values: values, nonNullRows: try row.int("n\(offset)")) {
                found[column.name] = accepted
            }
        }
        return found
    }
}
