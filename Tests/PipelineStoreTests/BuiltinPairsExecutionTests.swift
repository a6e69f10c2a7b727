import Foundation
import PipelineCore
import PipelineProviders
import TestSupport
import XCTest

/// The built-in question writer on the highway sample, judged by step 3's execution check and by two rules of
/// issue 13: no question carries an English word, no SQL sums a measure the semantic rules call non-additive.
final class BuiltinPairsExecutionTests: XCTestCase {
    var database: TestDatabase!

    override func tearDown() {
        database?.drop()
    }

    func test_builtinPairsOnTheHighwaySample_areClassified_noneTimesOutOrFails() throws {
        database = try TestDatabase(prefix: "dp_pairs_exec")
        try SampleDatabases.loadHighway(into: database)
        let counts = try classifyBuiltinPairs(label: "highway_db", themeCount: 5, pairsPerTheme: 10)
        XCTAssertGreaterThan(counts[.ok, default: 0], counts.values.reduce(0, +) / 2, "most built-in pairs say something")
    }

    func test_builtinPairsOnAwkwardNames_areClassified_noneTimesOutOrFails() throws {
        database = try TestDatabase(prefix: "dp_pairs_exec_awkward")
        try SampleDatabases.loadAwkwardNames(into: database)
        _ = try classifyBuiltinPairs(label: "awkward names", themeCount: 8, pairsPerTheme: 12)
    }

    /// Runs every built-in pair through the execution check, prints the counts and the pairs that are not ok, and
    /// asserts none times out or fails.
    private func classifyBuiltinPairs(label: String, themeCount: Int, pairsPerTheme: Int) throws -> [SQLExecutionClass: Int] {
        let tables = try SampleDatabases.documentedTables(in: database)
        let pairs = try SampleDatabases.builtinPairs(tables: tables, themeCount: themeCount, pairsPerTheme: pairsPerTheme)
        let validator = PostgresSQLValidator(connectionURL: database.url, maxConnections: 2, statementTimeoutMilliseconds: 10_000)
        defer { validator.close() }
        var counts: [SQLExecutionClass: Int] = [:]
        var flagged: [String] = []
        for pair in pairs {
            let execution = try validator.execute(pair.sql, rowLimit: SQLExecutionClassifier.rowLimit)
            let (kind, reason) = SQLExecutionClassifier.classify(sql: pair.sql, execution)
            counts[kind, default: 0] += 1
            if kind != .ok { flagged.append("[\(kind.rawValue)] \(reason ?? "") — \(pair.question)\n    \(pair.sql)") }
        }
        print("builtin pairs on \(label) by execution class (\(pairs.count)): "
            + SQLExecutionClass.allCases.map { "\($0.rawValue) \(counts[$0, default: 0])" }.joined(separator: ", "))
        for line in flagged { print("  " + line) }
        XCTAssertEqual(counts[.timeout, default: 0] + counts[.error, default: 0], 0, flagged.joined(separator: "\n"))
        return counts
    }

    func test_noBuiltinQuestionContainsALatinWord_andNoPairSumsANonAdditiveMeasure() throws {
        database = try TestDatabase(prefix: "dp_pairs_rules")
        try SampleDatabases.loadHighway(into: database)
        let tables = try SampleDatabases.documentedTables(in: database)
        let pairs = try SampleDatabases.builtinPairs(tables: tables, themeCount: 5, pairsPerTheme: 10)
        XCTAssertFalse(pairs.isEmpty)
        let latin = try NSRegularExpression(pattern: "[a-z]{3,}")
        for pair in pairs {
            let range = NSRange(pair.question.startIndex..., in: pair.question)
            XCTAssertNil(latin.firstMatch(in: pair.question, range: range), "an English word in: \(pair.question)")
        }
        // Columns the semantic rules call non-additive (prices, rates, areas, scores), by name.
        let nonAdditive = Set(tables.flatMap(\.columns).filter { column in
            ["int", "numeric", "decimal", "real", "double", "money"].contains { column.dataType.lowercased().contains($0) }
                && !MeasureLexicon.describe(column).additive
        }.map { $0.name.lowercased() })
        let summed = try NSRegularExpression(pattern: #"(?i)\bsum\s*\(\s*(?:distinct\s+)?(?:"?\w+"?\.)?"?(\w+)"?\s*\)"#)
        for pair in pairs {
            let text = pair.sql as NSString
            for match in summed.matches(in: pair.sql, range: NSRange(location: 0, length: text.length)) {
                let column = text.substring(with: match.range(at: 1)).lowercased()
                XCTAssertFalse(nonAdditive.contains(column), "sums the non-additive \(column): \(pair.sql)")
            }
        }
    }
}
