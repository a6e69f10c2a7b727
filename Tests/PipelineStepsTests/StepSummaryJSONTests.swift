import Foundation
import PipelineCore
@testable import PipelineSteps
import XCTest

/// The typed step summaries write exactly the JSON the steps wrote when they built `JSONValue` dictionaries by hand
/// (the expected values below are those dictionaries, key for key): same keys, integers as integers, absent optionals
/// left out, `vector_management` null when not asked for.
final class StepSummaryJSONTests: XCTestCase {
    private func bytes(_ value: JSONValue) throws -> String {
        String(decoding: try ResultFiles.encoder.encode(value), as: UTF8.self)
    }

    private func assertSame(_ summary: some StepResultSummary, _ expected: JSONValue, file: StaticString = #filePath, line: UInt = #line) throws {
        let value = try summary.jsonValue()
        XCTAssertEqual(value, expected, file: file, line: line)
        XCTAssertEqual(try bytes(value), try bytes(expected), file: file, line: line)
    }

    func testDDLGenerationSummary() throws {
        let summary = DDLGenerationSummary(
            totalTables: 3, processedSuccessfully: 2, failed: 1, failedTables: ["public.坏表"], missingTables: ["s.gone"],
            filesGenerated: 6, sqlStatements: 17, semanticRelationships: 4, semanticRelationshipsInferred: 1,
            llmProvider: "builtin", duration: 1.23)
        try assertSame(summary, .object([
            "total_tables": .number(3), "processed_successfully": .number(2), "failed": .number(1),
            "failed_tables": .array([.string("public.坏表")]), "missing_tables": .array([.string("s.gone")]),
            "files_generated": .number(6), "sql_statements": .number(17), "semantic_relationships": .number(4),
            "semantic_relationships_inferred": .number(1), "llm_provider": .string("builtin"), "duration": .number(1.23),
        ]))
        XCTAssertTrue(try bytes(summary.jsonValue()).contains("\"sql_statements\" : 17,"), "integers stay integers")
    }

    func testQAGenerationSummary() throws {
        let summary = QAGenerationSummary(
            totalTables: 5, tableGroups: 2, totalThemes: 4, successfulThemes: 3, failedThemes: ["销售"],
            totalQuestions: 40, duplicatesDropped: 2, replacementCandidates: 7, outputFile: "qs_shop_20250101_000000_pair.json",
            llmProvider: "openai", duration: 0.5)
        try assertSame(summary, .object([
            "total_tables": .number(5), "table_groups": .number(2), "total_themes": .number(4),
            "successful_themes": .number(3), "failed_themes": .array([.string("销售")]), "total_questions": .number(40),
            "duplicates_dropped": .number(2), "replacement_candidates": .number(7),
            "output_file": .string("qs_shop_20250101_000000_pair.json"), "llm_provider": .string("openai"),
            "duration": .number(0.5),
        ]))
    }

    func testSQLValidationSummary() throws {
        let summary = SQLValidationSummary(
            inputFile: "qs_x_pair.json", originalSQLCount: 10, validSQLCount: 9, invalidSQLCount: 1, successRate: 0.9,
            repairStats: .init(attempted: 2, successful: 1, failed: 1),
            fileModificationStats: .init(modified: 1, deleted: 0, failedModifications: 0),
            averageExecutionTime: 0.0123, totalRetries: 0,
            executionCheck: .init(mode: "report", checked: 9, classes: ["ok": 8, "empty": 1], filtered: 0, replaced: 0),
            duration: 2.5)
        try assertSame(summary, .object([
            "input_file": .string("qs_x_pair.json"), "original_sql_count": .number(10), "valid_sql_count": .number(9),
            "invalid_sql_count": .number(1), "success_rate": .number(0.9),
            "repair_stats": .object(["attempted": .number(2), "successful": .number(1), "failed": .number(1)]),
            "file_modification_stats": .object([
                "modified": .number(1), "deleted": .number(0), "failed_modifications": .number(0),
            ]),
            "average_execution_time": .number(0.0123), "total_retries": .number(0),
            "execution_check": .object([
                "mode": .string("report"), "checked": .number(9),
                "classes": .object(["ok": .number(8), "empty": .number(1)]),
                "filtered": .number(0), "replaced": .number(0),
            ]),
            "duration": .number(2.5),
        ]))
    }

    func testTrainingLoadSummaryWithoutVectorManagementOrSelfTest() throws {
        let summary = TrainingLoadSummary.loaded(.init(
            filesProcessed: ["a.ddl": 1, "Qs_X_pair.json": 12], itemsLoaded: 13, itemsNew: 10, itemsExisting: 3,
            itemsRemoved: 0, byType: ["ddl": 1, "sql": 12], embeddingModel: "builtin-hash", embeddingDimension: 512,
            storeTotals: ["total": 13, "ddl": 1, "sql": 12], vectorManagement: .notRequested, duration: 0.25,
            retrievalSelfTest: nil))
        try assertSame(summary, .object([
            "files_processed": .object(["a.ddl": .number(1), "Qs_X_pair.json": .number(12)]),
            "items_loaded": .number(13), "items_new": .number(10), "items_existing": .number(3), "items_removed": .number(0),
            "by_type": .object(["ddl": .number(1), "sql": .number(12)]), "embedding_model": .string("builtin-hash"),
            "embedding_dimension": .number(512),
            "store_totals": .object(["total": .number(13), "ddl": .number(1), "sql": .number(12)]),
            "vector_management": .null, "duration": .number(0.25),
        ]))
    }

    func testSkippedTrainingSummary() throws {
        try assertSame(TrainingLoadSummary.skipped(.init(vectorManagement: .notRequested, duration: 0)), .object([
            "skipped_training": .bool(true), "vector_management": .null, "duration": .number(0),
        ]))
    }

    func testVectorManagementLeavesOutWhatDidNotHappen() throws {
        var performed = VectorManagementSummary.Performed(
            truncatePerformed: false, backupDirectory: "vector_bak", errors: ["训练数据备份失败: x"], duration: 0.01)
        let failed = try VectorManagementSummary.performed(performed).jsonValue()
        XCTAssertEqual(failed, .object([
            "backup_performed": .bool(true), "truncate_performed": .bool(false), "backup_directory": .string("vector_bak"),
            "errors": .array([.string("训练数据备份失败: x")]), "duration": .number(0.01),
        ]))
        performed.backupFile = "training_data_backup_20250101_000000.csv"
        performed.rowsBackedUp = 5
        performed.truncatePerformed = true
        performed.rowsTruncated = 5
        performed.errors = []
        XCTAssertEqual(try VectorManagementSummary.performed(performed).jsonValue(), .object([
            "backup_performed": .bool(true), "truncate_performed": .bool(true), "backup_directory": .string("vector_bak"),
            "errors": .array([]), "duration": .number(0.01),
            "backup_file": .string("training_data_backup_20250101_000000.csv"), "rows_backed_up": .number(5),
            "rows_truncated": .number(5),
        ]))
    }
}

extension VectorManagementSummary: StepResultSummary {}
