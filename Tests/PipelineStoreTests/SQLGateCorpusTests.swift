import Foundation
import PipelineCore
import PipelineProviders
import Postgres
import TestSupport
import XCTest

/// The gate's corpus (issue 22): at least 500 statements, each with its expected verdict and, for accepted ones,
/// its references. Hand-written cases (`SQLGateCorpus`), then every pair the built-in writer makes on the two
/// sample databases — accepted by the gate, valid on the real database, every reference documented — and five
/// hostile variants built around each of them, refused with the expected reason.
final class SQLGateCorpusTests: XCTestCase {
    var databases: [TestDatabase] = []

    override func tearDown() {
        for database in databases { database.drop() }
    }

    func testHandWrittenCasesHaveTheirVerdictAndReferences() {
        for corpusCase in SQLGateCorpus.cases {
            assertVerdict(corpusCase.sql, corpusCase.verdict)
            guard corpusCase.verdict == .accepted else { continue }
            guard let references = ReadOnlySQL.references(in: corpusCase.sql) else {
                XCTFail("no references: \(corpusCase.sql)")
                continue
            }
            let tables = references.relations.map { relation in relation.schema.map { "\($0).\(relation.name)" } ?? relation.name }
            let columns = references.qualified.map { ($0.qualifier + [$0.column]).joined(separator: ".") } + references.bare
            XCTAssertEqual(tables.sorted(), corpusCase.tables.sorted(), "tables of \(corpusCase.sql)")
            XCTAssertEqual(columns.sorted(), corpusCase.columns.sorted(), "columns of \(corpusCase.sql)")
        }
    }

    func testEveryBuiltinPairOnBothSampleDatabasesPassesAndItsHostileVariantsDoNot() throws {
        let highway = try TestDatabase(prefix: "dp_corpus_highway")
        databases.append(highway)
        try SampleDatabases.loadHighway(into: highway)
        let awkward = try TestDatabase(prefix: "dp_corpus_awkward")
        databases.append(awkward)
        try SampleDatabases.loadAwkwardNames(into: awkward)

        var checked = SQLGateCorpus.cases.count
        for database in [highway, awkward] {
            let tables = try SampleDatabases.documentedTables(in: database)
            let pairs = try SampleDatabases.builtinPairs(tables: tables, themeCount: 10, pairsPerTheme: 12)
            XCTAssertGreaterThan(pairs.count, 20)
            let validator = PostgresSQLValidator(connectionURL: database.url)
            defer { validator.close() }
            for pair in pairs {
                assertVerdict(pair.sql, .accepted)
                let verdict = try validator.validate(pair.sql)
                XCTAssertTrue(verdict.isValid, "\(pair.sql): \(verdict.error ?? "")")
                XCTAssertEqual(SQLReferenceCheck.problems(in: pair.sql, tables: tables), [], pair.sql)
                XCTAssertFalse(SQLReferenceCheck.tablesNamed(in: pair.sql, among: tables).isEmpty, pair.sql)
                XCTAssertNotNil(ReadOnlySQL.shape(pair.sql), pair.sql)
                let table = try XCTUnwrap(ReadOnlySQL.references(in: pair.sql)?.relations.first)
                for (hostile, reason) in hostileVariants(of: pair.sql, table: table) {
                    assertVerdict(hostile, .refused(reason))
                    XCTAssertFalse(try validator.validate(hostile).isValid, hostile)
                }
                checked += 6
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 500)
        print("gate corpus: \(checked) statements")
    }

    /// A pair wrapped five ways that must each be refused, with the reason that names the trick.
    private func hostileVariants(of sql: String, table: SQLReferences.Relation) -> [(String, String)] {
        let statement = ReadOnlySQL.statementText(sql)
        let target = [table.schema, table.name].compactMap { $0 }.map(SQLIdentifier.quote).joined(separator: ".")
        return [
            (statement + "; DROP TABLE " + target, SQLGateCorpus.oneStatement),
            ("WITH gone AS (DELETE FROM \(target) RETURNING 1) SELECT * FROM (\(statement)) AS q",
             "\(SQLGateCorpus.modifying)（发现: DELETE）"),
            ("SELECT * FROM (\(statement)) AS q FOR UPDATE", SQLGateCorpus.lock),
            ("SELECT * INTO stolen FROM (\(statement)) AS q", "不允许SELECT INTO"),
            ("SELECT * FROM (\(statement)) AS q WHERE pg_sleep(1) IS NOT NULL", "\(SQLGateCorpus.sideEffect)（发现: pg_sleep）"),
        ]
    }

    private func assertVerdict(_ sql: String, _ expected: SQLCorpusCase.Verdict, file: StaticString = #filePath, line: UInt = #line) {
        let reason = ReadOnlySQL.violation(in: sql)
        switch expected {
        case .accepted:
            XCTAssertNil(reason, sql, file: file, line: line)
        case .refused(let prefix):
            XCTAssertTrue(reason?.hasPrefix(prefix) == true, "\(sql) → \(reason ?? "accepted"), expected \(prefix)", file: file, line: line)
        }
    }
}
