import PipelineCore

/// Builds drafts from finished queries: difficulty follows the SQL's structure (QUALITY.md), and the wording is
/// one of several sentence patterns, picked by a stable hash so that the same model always gives the same file.
enum AnalysisDraft {
    static func make(_ question: String, _ query: AnalysisQuery) -> PairDraft {
        make(question, sql: query.sql, tables: query.tables)
    }

    static func make(_ question: String, sql: String, tables: [TableReference]) -> PairDraft {
        var unique: [TableReference] = []
        for table in tables where !unique.contains(table) { unique.append(table) }
        return PairDraft(question: question, sql: sql, difficulty: difficulty(sql: sql, tables: unique.count), tables: unique)
    }

    /// Hard: three or more tables, a window function, a CTE or a subquery; medium: grouping, ordering, a limit or
    /// a time range; easy: one table and one aggregate or filter.
    static func difficulty(sql: String, tables: Int) -> QuestionDifficulty {
        let upper = sql.uppercased()
        if tables >= 3 || upper.contains(" OVER (") || upper.hasPrefix("WITH ") || upper.contains("(SELECT ") { return .hard }
        if tables >= 2 || upper.contains(" GROUP BY ") || upper.contains(" LIMIT ") || upper.contains(" ORDER BY ") { return .medium }
        return .easy
    }

    /// One of `patterns`, the same one for the same key.
    static func pick(_ patterns: [String], key: String) -> String {
        precondition(!patterns.isEmpty)
        return patterns[Int(stableHash(key) % UInt64(patterns.count))]
    }

    /// FNV-1a: stable across runs and platforms (Swift's `Hasher` is seeded per process).
    static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
