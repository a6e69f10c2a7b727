import Foundation
import PipelineCore
import Postgres

/// Step 1's statistics read: for every column of every listed relation at once, enum labels, the planner's
/// statistics (`pg_stats`: null share, distinct count, most common values, the histogram's extremes for dates and
/// timestamps) and whether it alone is a unique key or leads an index. One statement, whatever the number of
/// tables. For a table with partitions or inheritance children the statistics of the whole hierarchy
/// (`inherited`) are preferred: that is what reading the parent returns.
enum StatisticsQuery {
    static func statistics(_ connection: CountedConnection, oids: [String]) throws(PostgresError) -> [String: TableStatistics] {
        let rows = try connection.query(PostgresQuery("""
            SELECT a.attrelid::text AS rel, a.attname,
                   CASE WHEN t.typtype = 'e' THEN ARRAY(SELECT e.enumlabel::text FROM pg_enum e
                                                        WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) END AS labels,
                   s.attname IS NOT NULL AS has_stats, s.null_frac, s.n_distinct, s.mcv, s.mcf, s.hist_low, s.hist_high,
                   EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = a.attrelid AND i.indisunique AND i.indnkeyatts = 1
                           AND i.indkey[0] = a.attnum AND i.indpred IS NULL AND i.indexprs IS NULL) AS is_unique,
                   EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = a.attrelid AND i.indkey[0] = a.attnum
                           AND i.indpred IS NULL) AS leads_index
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_type t ON t.oid = a.atttypid
            LEFT JOIN LATERAL (
                SELECT st.attname, st.null_frac::float8 AS null_frac, st.n_distinct::float8 AS n_distinct,
                       st.most_common_vals::text AS mcv, st.most_common_freqs::text[] AS mcf,
                       CASE WHEN t.typcategory = 'D' THEN (st.histogram_bounds::text::text[])[1] END AS hist_low,
                       CASE WHEN t.typcategory = 'D' THEN (st.histogram_bounds::text::text[])[
                           array_length(st.histogram_bounds::text::text[], 1)] END AS hist_high
                FROM pg_stats st
                WHERE st.schemaname = n.nspname AND st.tablename = c.relname AND st.attname = a.attname
                ORDER BY st.inherited DESC
                LIMIT 1
            ) s ON true
            WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
            """, [oids]))
        var result: [String: TableStatistics] = [:]
        for row in rows {
            let relation = try row.string("rel")
            let column = try row.string("attname")
            var table = result[relation] ?? TableStatistics()
            if let labels = try row.optionalNullableStringArray("labels")?.compactMap({ $0 }), !labels.isEmpty {
                table.enumLabels[column] = labels
            }
            if try row.bool("has_stats") {
                table.columns[column] = ColumnStatistics(
                    nullFraction: try row.optionalDouble("null_frac") ?? 0, distinct: try row.optionalDouble("n_distinct") ?? 0,
                    mostCommonValues: try row.optionalNullableStringArray("mcv")?.compactMap { $0 } ?? [],
                    mostCommonFrequencies: try row.optionalNullableStringArray("mcf")?.compactMap { $0.flatMap(Double.init) } ?? [],
                    histogramLow: try row.optionalString("hist_low"), histogramHigh: try row.optionalString("hist_high")
                )
            }
            if try row.bool("is_unique") { table.uniqueColumns.insert(column) }
            if try row.bool("leads_index") { table.indexedColumns.insert(column) }
            result[relation] = table
        }
        return result
    }
}

/// The statistics of the last catalog read, shared by the threads that sample its tables.
final class StatisticsCache: @unchecked Sendable {
    private let lock = NSLock()
    private var byTable: [TableReference: TableStatistics] = [:]
    private var rows: [TableReference: Int64] = [:]

    func store(_ statistics: [TableReference: TableStatistics]) {
        lock.lock()
        defer { lock.unlock() }
        byTable.merge(statistics) { _, new in new }
    }

    func statistics(of table: TableReference) -> TableStatistics? {
        lock.lock()
        defer { lock.unlock() }
        return byTable[table]
    }

    func storeEstimates(_ estimates: [TableReference: Int64]) {
        lock.lock()
        defer { lock.unlock() }
        rows.merge(estimates) { _, new in new }
    }

    var estimates: [TableReference: Int64] {
        lock.lock()
        defer { lock.unlock() }
        return rows
    }
}
