import Foundation

/// The class of a pair after running its SQL (step 3's execution check, docs/execution-check.md).
public enum SQLExecutionClass: String, CaseIterable, Sendable {
    /// Rows that say something.
    case ok
    /// No rows; or only NULLs; or one row whose every value is NULL or zero (a count or sum over nothing).
    case empty
    /// Rows that teach nothing: a grouping in which every group has the same values, or a constant that reads no table.
    case degenerate
    /// Stopped by the statement timeout.
    case timeout
    /// Refused by the gate or the server when run (rare after `EXPLAIN`: e.g. a division by zero, a bad cast).
    case error
}

/// Whether step 3 runs the execution check and what it does with pairs that are not `ok`
/// (`DP_SQL_EXECUTION_CHECK`).
public enum SQLExecutionCheckMode: String, CaseIterable, Sendable {
    /// Classify and take the pairs that are not `ok` out of the pair file (kept in the report).
    case filter
    /// Classify and report only; the pair file keeps them.
    case report
    /// Do not run the SQL at all.
    case off
}

/// The rules that turn a result sample into a class, with a Chinese reason for every class but `ok`.
public enum SQLExecutionClassifier {
    /// Rows fetched per pair: enough to judge a grouping, small enough to stay cheap.
    public static let rowLimit = 200

    public static func classify(sql: String, _ execution: SQLExecution) -> (SQLExecutionClass, String?) {
        switch execution {
        case .timeout(let reason): return (.timeout, reason)
        case .failed(let reason): return (.error, reason)
        case .rows(let sample): return classify(sql: sql, sample)
        }
    }

    static func classify(sql: String, _ sample: SQLResultSample) -> (SQLExecutionClass, String?) {
        let rows = sample.rows
        if rows.isEmpty { return (.empty, "查询没有返回任何行") }
        if rows.allSatisfy({ $0.allSatisfy { $0 == nil } }) { return (.empty, "查询只返回NULL值") }
        if rows.count == 1, rows[0].allSatisfy({ $0 == nil || isZero($0!) }) {
            return (.empty, "唯一一行的值都是0或NULL（没有匹配的数据）")
        }
        if let references = ReadOnlySQL.references(in: sql), references.relations.isEmpty, references.modelsAllRelations {
            return (.degenerate, "查询不读取任何表，结果是常量")
        }
        if rows.count >= 2, groups(sql), let constant = constantValueColumns(sample) {
            return (.degenerate, "分组查询的每一组数值都相同（\(constant)）")
        }
        return (.ok, nil)
    }

    /// The value columns joined by "、" when every one of them has a single value across the rows, nil otherwise.
    /// A value column is one whose non-NULL values are all numbers (NULL-only columns included); a numeric group
    /// key that varies therefore keeps the result `ok`: the rule errs towards keeping.
    static func constantValueColumns(_ sample: SQLResultSample) -> String? {
        var names: [String] = []
        for (position, name) in sample.columns.enumerated() {
            let values = sample.rows.map { position < $0.count ? $0[position] : nil }
            guard values.allSatisfy({ $0 == nil || Double($0!) != nil }) else { continue }
            guard Set(values.map { $0 ?? "\u{0}" }).count == 1 else { return nil }
            names.append(name)
        }
        return names.isEmpty ? nil : names.joined(separator: "、")
    }

    /// The query has a `GROUP BY` somewhere (outside string literals and comments is not checked: the cost of a
    /// false hit is only that the grouping rule is applied).
    static func groups(_ sql: String) -> Bool {
        sql.range(of: #"\bgroup\s+by\b"#, options: [.regularExpression, .caseInsensitive]) != nil
    }

    static func isZero(_ text: String) -> Bool {
        Double(text) == 0
    }
}
