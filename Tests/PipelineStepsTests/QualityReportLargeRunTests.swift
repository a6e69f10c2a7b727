import Foundation
import PipelineCore
@testable import PipelineSteps
import XCTest

/// Issue 15: the report of a 300-table run (a synthetic one: 300 tables, 5 pairs per table with joins, step 3's report
/// and a `.ddl` file per table) counts every pair, execution and relationship. Its build time is shown by
/// `scripts/bench.sh pipeline` (the report's `duration_ms` on a real 300-table run), not asserted here: timings are
/// benchmarks' business, never tests'.
final class QualityReportLargeRunTests: TaskDirectoryTestCase {
    static let tableCount = 300
    static let pairsPerTable = 5

    private func writeLargeRun() throws {
        var tables: [SemanticTable] = []
        var relationships: [SemanticRelationship] = []
        var pairs: [PairFileEntry] = []
        for n in 0..<Self.tableCount {
            let name = "fact_\(n)", parent = "fact_\((n + 1) % Self.tableCount)"
            tables.append(QualityReportFixture.table(name, n % 3 == 0 ? .dimension : .fact, [
                QualityReportFixture.column("id", .identifier), QualityReportFixture.column("parent_id", .foreignKey),
                QualityReportFixture.column("biz_date", .time), QualityReportFixture.column("title", .label),
                QualityReportFixture.column("region", .dimension), QualityReportFixture.column("channel", .dimension),
                QualityReportFixture.column("amount", .measure, label: "金额", additive: true, synonyms: ["营收"]),
                QualityReportFixture.column("qty", .measure, label: "数量", additive: true),
                QualityReportFixture.column("price", .measure, label: "单价", additive: false),
                QualityReportFixture.column("create_ts", .audit),
            ]))
            relationships.append(SemanticRelationship(from: RelationshipEnd(schema: "public", table: name, columns: ["parent_id"]),
                                                      to: RelationshipEnd(schema: "public", table: parent, columns: ["id"]),
                                                      source: .declared, confidence: 1, evidence: nil))
            let sqls = [
                "SELECT p.title, SUM(f.amount) AS 金额 FROM \(name) f JOIN \(parent) p ON p.id = f.parent_id WHERE f.biz_date >= '2024-01-01' GROUP BY p.title ORDER BY 2 DESC LIMIT 10;",
                "SELECT date_trunc('month', biz_date) AS 月份, SUM(qty) FROM \(name) GROUP BY 1 ORDER BY 1;",
                "SELECT region, AVG(price) FROM \(name) WHERE channel IN ('a', 'b') GROUP BY region;",
                "WITH m AS (SELECT region, SUM(amount) AS v FROM \(name) GROUP BY region) SELECT region, v, v * 100.0 / SUM(v) OVER () FROM m;",
                "SELECT COUNT(*) FROM \(name) WHERE biz_date >= '2024-06-01';",
            ]
            for (k, sql) in sqls.prefix(Self.pairsPerTable).enumerated() {
                pairs.append(PairFileEntry(QuestionSQLPair(question: "第\(n)张表的第\(k)个金额问题", sql: sql)))
            }
            try write("-- 中文名: 表\(n)\nCREATE TABLE public.\(name) (\n" + (0..<10).map { "  c\($0) integer, -- 列\($0)" }.joined(separator: "\n") + "\n);\n",
                      to: "public.\(name).ddl")
        }
        let model = SemanticModel(tables: tables, relationships: relationships, joinPaths: [])
        try directory.writeAtomically(try SemanticModelFile.encode(model), to: SafeFileName("semantic_model.json")!)
        try directory.writeAtomically(PairFile.render(pairs), to: SafeFileName("qs_big_20250101_000000_pair.json")!)
        let details = pairs.enumerated().map { offset, pair -> JSONValue in
            .object(["index": .number(Double(offset + 1)), "question": .string(pair.question!), "sql": .string(pair.sql!),
                     "valid": .bool(true), "malformed": .bool(false), "repair_successful": .bool(false), "repaired_sql": .null,
                     "execution": .object(["class": .string("ok"), "reason": .null, "filtered": .bool(false)])])
        }
        let report: JSONValue = .object(["metadata": .object(["config": .object(["execution_check": .string("filter")])]),
                                         "detailed_results": .array(details)])
        try directory.writeAtomically(try JSONEncoder().encode(report), to: SafeFileName("sql_validation_20250101_000001_report.json")!)
    }

    func test_reportOf300Tables_countsEveryPairExecutionAndRelationship() throws {
        try writeLargeRun()
        let built = QualityReportBuilder(directory: directory).build(after: .trainingLoad, now: Date())
        _ = try ResultFiles.encoder.encode(built)
        XCTAssertEqual(built.shapes.pairs, Self.tableCount * Self.pairsPerTable)
        XCTAssertEqual(built.measures["executes"]?.detail, "\(Self.tableCount * Self.pairsPerTable)/\(Self.tableCount * Self.pairsPerTable)")
        XCTAssertEqual(built.relationships?.used, Self.tableCount)
    }
}
