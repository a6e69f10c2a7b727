import Foundation
import XCTest

/// A complete run on the multi-schema fixture of step 1 (awkward names, views, a partitioned table, a missing
/// table): it completes, and every loaded pair plans and executes on the business database.
final class PipelineMultiSchemaTests: PipelineRunTestCase {
    override class var fixtureStatements: [String] { DDLGenerationFixture.statements(bigRows: 20_000) }

    func test_completeRun_onAwkwardSchemas_loadsPairsThatAllRun() throws {
        let id = try createFixtureTask(tables: DDLGenerationFixture.tableList)
        let status = try runComplete(id)
        let result = status["result"] ?? .null
        XCTAssertEqual(result["ddl_generation"]?["missing_tables"]?.array?.compactMap(\.string), [DDLGenerationFixture.missingTable])
        let generated = try XCTUnwrap(result["qa_generation"]?["total_questions"]?.int, result.description)
        XCTAssertGreaterThan(generated, 10)
        XCTAssertEqual(result["sql_validation"]?["invalid_sql_count"]?.int, 0, result.description)

        let filtered = result["sql_validation"]?["execution_check"]?["filtered"]?.int ?? 0
        let pairs = try loadedPairs(id)
        let replaced = result["sql_validation"]?["execution_check"]?["replaced"]?.int ?? 0
        XCTAssertEqual(pairs.count, generated - filtered + replaced, "the pairs the execution check left in the file, and their replacements")
        XCTAssertEqual(try failuresToRun(pairs.map(\.sql), url: try fixtureURL()), [])
        XCTAssertTrue(pairs.contains { $0.sql.contains(#""MemberPoints""#) || $0.sql.contains(#""门店评价""#) },
                      "mixed-case and Chinese table names are quoted")
    }
}
