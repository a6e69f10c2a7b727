import Foundation
import PipelineCore
import PipelineProviders
import TestSupport
import XCTest

/// The built-in analyst on both sample databases, from the semantic model step 1 derives (QUALITY.md): enough pairs,
/// all of them run, few return nothing, varied shapes, joins, time, few bare counts, Chinese wording, no sum of a
/// non-additive column, and the same bytes for the same model.
final class AnalystPairsQualityTests: XCTestCase {
    var database: TestDatabase!

    override func tearDown() {
        database?.drop()
    }

    func test_highwaySample_meetsTheStructuralGoals() throws {
        try assertGoals(sample: "highway_db")
    }

    func test_retailSample_withoutMostForeignKeys_meetsTheStructuralGoals() throws {
        try assertGoals(sample: "retail_db")
    }

    private func assertGoals(sample: String) throws {
        database = try TestDatabase(prefix: "dp_analyst_\(sample)")
        try SampleDatabases.load(sample, into: database)
        let names = try tableNames(sample)
        let introspector = PostgresSchemaIntrospector(connectionURL: database.url, maxConnections: 2)
        let (model, tables) = try SemanticModelDerivation(introspector: introspector).model(names)
        let pairs = try SampleDatabases.builtinPairs(tables: tables, themeCount: 5, pairsPerTheme: 10, model: model)
        let again = try SampleDatabases.builtinPairs(tables: tables, themeCount: 5, pairsPerTheme: 10, model: model)
        XCTAssertEqual(pairs, again, "the same model gives the same pairs")
        XCTAssertGreaterThanOrEqual(pairs.count, 40)

        let validator = PostgresSQLValidator(connectionURL: database.url, maxConnections: 2, statementTimeoutMilliseconds: 5_000)
        defer { validator.close() }
        var classes: [SQLExecutionClass: Int] = [:]
        for pair in pairs {
            let (kind, reason) = SQLExecutionClassifier.classify(sql: pair.sql, try validator.execute(pair.sql, rowLimit: SQLExecutionClassifier.rowLimit))
            classes[kind, default: 0] += 1
            XCTAssertTrue([.ok, .empty, .degenerate].contains(kind), "\(kind) \(reason ?? ""): \(pair.sql)")
        }
        let count = Double(pairs.count)
        XCTAssertLessThanOrEqual(Double(classes[.empty, default: 0] + classes[.degenerate, default: 0]) / count, 0.1,
                                 "before replacement, at most a tenth teach nothing: \(classes)")

        let shapes = Set(pairs.map { ReadOnlySQL.shape($0.sql) ?? $0.sql })
        XCTAssertGreaterThanOrEqual(Double(shapes.count) / count, 0.6, "shape variety")
        let multiTable = pairs.filter { (ReadOnlySQL.references(in: $0.sql)?.relations.map(\.name)).map { Set($0).count >= 2 } ?? false }
        XCTAssertGreaterThanOrEqual(Double(multiTable.count) / count, 0.3, "pairs reading two or more tables")
        let timeColumns = Set(model.tables.flatMap { $0.columns.filter { $0.role == .time }.map(\.name) })
        let timed = pairs.filter { pair in timeColumns.contains { pair.sql.range(of: "\\b\($0)\\b", options: .regularExpression) != nil } }
        XCTAssertGreaterThanOrEqual(Double(timed.count) / count, 0.3, "pairs on a time column")
        let aggregates = try NSRegularExpression(pattern: #"\b(COUNT|SUM|AVG|MIN|MAX)\("#)
        let countOnly = pairs.filter { pair in
            let found = Set(aggregates.matches(in: pair.sql, range: NSRange(pair.sql.startIndex..., in: pair.sql)).map {
                (pair.sql as NSString).substring(with: $0.range(at: 1))
            })
            return found == ["COUNT"]
        }
        XCTAssertLessThanOrEqual(Double(countOnly.count) / count, 0.2, "pairs whose only aggregate is COUNT")

        let latin = try NSRegularExpression(pattern: "[A-Za-z]*[a-z][A-Za-z]*")
        for pair in pairs {
            let words = latin.matches(in: pair.question, range: NSRange(pair.question.startIndex..., in: pair.question))
                .map { (pair.question as NSString).substring(with: $0.range) }.filter { $0.count >= 3 }
            XCTAssertEqual(words, [], "a Latin word in: \(pair.question)")
        }
        // SUM only over additive measures of the model: never a price, rate, area, code or id.
        let additive = Set(model.tables.flatMap { table in
            table.columns.filter { $0.role == .measure && $0.measure?.additive == true }.map(\.name)
        })
        let summed = try NSRegularExpression(pattern: #"\bSUM\((?:\w+\.)?(\w+)\)"#)
        for pair in pairs {
            for match in summed.matches(in: pair.sql, range: NSRange(pair.sql.startIndex..., in: pair.sql)) {
                let column = (pair.sql as NSString).substring(with: match.range(at: 1))
                XCTAssertTrue(additive.contains(column), "sums \(column), not an additive measure: \(pair.sql)")
            }
        }
        print("analyst pairs on \(sample): \(pairs.count) pairs, classes \(classes), shapes \(shapes.count), multi-table \(multiTable.count), "
            + "time \(timed.count), count-only \(countOnly.count)")
    }

    private func tableNames(_ sample: String) throws -> [TableName] {
        let list = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("deploy/sample/\(sample).tables")
        return try String(contentsOf: list, encoding: .utf8).split(separator: "\n")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }.compactMap(TableName.init)
    }
}
