import Foundation
import PipelineCore
import PipelineProviders
import Postgres
import TestSupport
import XCTest

/// The built-in question writer against real schemas: every generated SQL runs (read-only) on the database its
/// documents describe. Tables are documented the way step 1 does it (introspection, samples, built-in comments).
final class BuiltinPairsValidityTests: XCTestCase {
    var database: TestDatabase!

    override func tearDown() {
        database?.drop()
    }

    func test_everyPairRuns_onTheHighwaySample() throws {
        database = try TestDatabase(prefix: "dp_pairs_highway")
        try loadSample()
        let pairs = try generatePairs(themeCount: 5, pairsPerTheme: 10)
        XCTAssertGreaterThanOrEqual(pairs.count, 40, "5 themes × 10 pairs minus duplicates across themes")
        try assertAllRun(pairs)

        let revenue = pairs.filter { $0.sql.contains("bss_business_day_data") }
        XCTAssertFalse(revenue.isEmpty, "the revenue fact table is asked about")
        for pair in revenue where !pair.sql.contains(" JOIN ") {
            XCTAssertTrue(pair.sql.contains("delete_ts IS NULL"), "soft-deleted rows are left out: \(pair.sql)")
        }
        XCTAssertTrue(pairs.contains { $0.sql.contains(" JOIN ") }, "foreign keys give join questions")
        XCTAssertEqual(Set(pairs.compactMap(\.difficulty)), Set(QuestionDifficulty.allCases), "a spread of difficulty")
        for pair in pairs {
            XCTAssertTrue(pair.sql.hasSuffix(";"), pair.sql)
            XCTAssertFalse(pair.sql.contains("\n"), "one line: \(pair.sql)")
            XCTAssertTrue(pair.question.unicodeScalars.contains { $0.value >= 0x4E00 }, "a Chinese question: \(pair.question)")
        }
        print("builtin pairs on highway_db: \(pairs.count); first three:")
        for pair in pairs.prefix(3) { print("  \(pair.question)\n    \(pair.sql)") }
    }

    func test_everyPairRuns_onAwkwardNames() throws {
        database = try TestDatabase(prefix: "dp_pairs_awkward")
        try SampleDatabases.loadAwkwardNames(into: database)
        let pairs = try generatePairs(themeCount: 8, pairsPerTheme: 12)
        XCTAssertGreaterThan(pairs.count, 20)
        try assertAllRun(pairs)
    }

    func test_themesNameOnlyTheGivenTables_andPairsAreDeterministic() throws {
        database = try TestDatabase(prefix: "dp_pairs_themes")
        try loadSample()
        let tables = try documentedTables()
        let llm = BuiltinLLM()
        let themes = try llm.extractThemes(ThemeRequest(tables: tables, businessContext: "高速公路服务区管理系统", themeCount: 5))
        XCTAssertEqual(themes.count, 5)
        XCTAssertEqual(Set(themes.map(\.name)).count, 5, "distinct theme names")
        let known = Set(tables.map { $0.reference.documentName })
        for theme in themes {
            XCTAssertFalse(theme.relatedTables.isEmpty)
            XCTAssertTrue(Set(theme.relatedTables).isSubset(of: known), "\(theme.relatedTables)")
            XCTAssertFalse(theme.metrics.isEmpty)
        }
        let first = try generatePairs(themeCount: 5, pairsPerTheme: 10)
        let second = try generatePairs(themeCount: 5, pairsPerTheme: 10)
        XCTAssertEqual(first.map(\.sql), second.map(\.sql))
    }

    // MARK: - helpers

    private func loadSample() throws {
        try SampleDatabases.loadHighway(into: database)
    }

    private func documentedTables() throws -> [TableDescription] {
        try SampleDatabases.documentedTables(in: database)
    }

    private func generatePairs(themeCount: Int, pairsPerTheme: Int) throws -> [QuestionSQLPair] {
        try SampleDatabases.builtinPairs(tables: try documentedTables(), themeCount: themeCount, pairsPerTheme: pairsPerTheme)
    }

    /// Runs each SQL for real in a read-only transaction with a timeout, always rolled back.
    private func assertAllRun(_ pairs: [QuestionSQLPair]) throws {
        let connection = try database.connect()
        var failures: [String] = []
        for pair in pairs {
            do {
                try connection.execute(PostgresQuery("BEGIN READ ONLY"))
                try connection.execute(PostgresQuery("SET LOCAL statement_timeout = 5000"))
                _ = try connection.query(PostgresQuery(unsafeSQL: String(pair.sql.dropLast())))
            } catch {
                failures.append("\(pair.sql)\n    -> \(error)")
            }
            _ = try? connection.execute(PostgresQuery("ROLLBACK"))
        }
        XCTAssertEqual(failures, [], "every generated SQL runs:\n" + failures.joined(separator: "\n"))
    }
}
