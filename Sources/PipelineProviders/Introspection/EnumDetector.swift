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

    /// Enum values by column name, most frequent first (enum types: in their declared order).
    func enumValues(
        of table: TableDescription, candidates: [ColumnDescription], reader: ReadOnlyReader
    ) throws(PostgresError) -> [String: [String]] {
        guard !candidates.isEmpty, options.enumMaxDistinct > 0 else { return [:] }
        let facts = try reader.read { connection in
            try Self.columnFacts(connection, table: table.reference, columns: candidates.map(\.name))
        } ?? []
        var found: [String: [String]] = [:]
        var unknown: [ColumnDescription] = []
        let rows = table.estimatedRows ?? 0
        for column in candidates {
            guard let fact = facts.first(where: { $0.column == column.name }) else {
                unknown.append(column)
                continue
            }
            if let labels = fact.enumLabels, !labels.isEmpty {
                found[column.name] = labels
            } else if let statistics = fact.statistics {
                if let values = fromStatistics(statistics, rows: rows) { found[column.name] = values }
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

    /// What `pg_stats` knows about a column.
    struct ColumnStatistics {
        var nullFraction: Double
        /// Positive: a count; negative: minus the share of rows that are distinct.
        var distinct: Double
        var mostCommonValues: [String]
        var mostCommonFrequencies: [Double]
    }

    struct ColumnFacts {
        var column: String
        var enumLabels: [String]?
        var statistics: ColumnStatistics?
    }

    /// Enum labels and statistics of the named columns, in one statement. For a table with partitions or
    /// inheritance children the statistics of the whole hierarchy (`inherited`) are preferred: that is what
    /// reading the parent returns.
    static func columnFacts(
        _ connection: CountedConnection, table: TableReference, columns: [String]
    ) throws(PostgresError) -> [ColumnFacts] {
        let rows = try connection.query(PostgresQuery("""
            SELECT a.attname,
                   CASE WHEN t.typtype = 'e' THEN ARRAY(SELECT e.enumlabel::text FROM pg_enum e
                                                        WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) END AS labels,
                   s.attname IS NOT NULL AS has_stats, s.null_frac, s.n_distinct, s.mcv, s.mcf
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            JOIN pg_type t ON t.oid = a.atttypid
            LEFT JOIN LATERAL (
                SELECT st.attname, st.null_frac::float8 AS null_frac, st.n_distinct::float8 AS n_distinct,
                       st.most_common_vals::text AS mcv, st.most_common_freqs::text[] AS mcf
                FROM pg_stats st
                WHERE st.schemaname = n.nspname AND st.tablename = c.relname AND st.attname = a.attname
                ORDER BY st.inherited DESC
                LIMIT 1
            ) s ON true
            WHERE n.nspname = $1 AND c.relname = $2 AND a.attname = ANY($3::text[])
            """, [table.schema, table.name, columns]))
        return try rows.map { row throws(PostgresError) in
            var statistics: ColumnStatistics?
            if try row.bool("has_stats") {
                let values = try row.optionalNullableStringArray("mcv")?.compactMap { $0 } ?? []
                let frequencies = try row.optionalNullableStringArray("mcf")?.compactMap { $0.flatMap(Double.init) } ?? []
                statistics = ColumnStatistics(
                    nullFraction: try row.optionalDouble("null_frac") ?? 0, distinct: try row.optionalDouble("n_distinct") ?? 0,
                    mostCommonValues: values, mostCommonFrequencies: frequencies
                )
            }
            return ColumnFacts(
                column: try row.string("attname"),
                enumLabels: try row.optionalNullableStringArray("labels")?.compactMap { $0 }, statistics: statistics
            )
        }
    }

    /// Distinct values of the columns among the first `enumProbeRows` rows, most frequent first, in one statement:
    /// the rows are read once into a CTE and each column grouped from there.
    private func probe(
        _ connection: CountedConnection, table: TableReference, columns: [ColumnDescription]
    ) throws(PostgresError) -> [String: [String]] {
        let quote = PostgresConnection.quoteIdentifier
        // One character over the limit is enough to tell a too-long value.
        let inner = columns.enumerated().map { offset, column in
            "left(\(quote(column.name))::text, \(Self.maxValueLength + 1)) AS v\(offset)"
        }.joined(separator: ", ")
        let outer = columns.indices.map { offset in
            "count(v\(offset)) AS n\(offset), ARRAY(SELECT v\(offset) FROM probe WHERE v\(offset) IS NOT NULL "
                + "GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT $2) AS e\(offset)"
        }.joined(separator: ", ")
        let sql = "WITH probe AS MATERIALIZED (SELECT \(inner) FROM \(TableSampler.quotedName(table)) LIMIT $1) "
            + "SELECT \(outer) FROM probe"
        let rows = try connection.query(PostgresQuery(
            unsafeSQL: sql, [options.enumProbeRows, options.enumMaxDistinct + 1]
        ))
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
