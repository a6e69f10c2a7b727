import Foundation
import PipelineCore
@testable import PipelineSteps
import XCTest

final class QualityReportBuilderTests: TaskDirectoryTestCase {
    private func writeRun(validation: Bool = true) throws {
        try directory.writeAtomically(try SemanticModelFile.encode(QualityReportFixture.model), to: SafeFileName("semantic_model.json")!)
        try directory.writeAtomically(QualityReportFixture.pairFile(), to: SafeFileName("qs_shop_20250101_000000_pair.json")!)
        try write(QualityReportFixture.ddl, to: "public.sales.ddl")
        if validation { try write(QualityReportFixture.validationReport(), to: "sql_validation_20250101_000001_report.json") }
    }

    private func build() -> QualityReport {
        QualityReportBuilder(directory: directory).build(after: .sqlValidation, now: Date())
    }

    func test_staticMeasures_followQualityDefinitions() throws {
        try writeRun()
        let measures = build().measures
        XCTAssertEqual(measures["pairs"]?.detail, "3")
        XCTAssertEqual(measures["multi-table"]?.detail, "1/3")
        XCTAssertEqual(measures["time-scoped"]?.detail, "1/3")
        XCTAssertEqual(measures["count-only"]?.detail, "1/3")
        XCTAssertEqual(measures["wording"]?.detail, "1 questions", "shop is a Latin word in a question")
        XCTAssertEqual(measures["additivity"]?.detail, "1 pairs", "SUM(price) sums a non-additive measure")
        XCTAssertEqual(measures["coverage"]?.detail, "5/7 columns", "qty and returns.rdate are never used")
        XCTAssertEqual(measures["comments"]?.detail, "1 of 3 comments")
        XCTAssertEqual(measures["shape variety"]?.detail, "3 shapes")
        XCTAssertEqual(measures["pairs"]?.ok, false, "goal ≥ 40")
    }

    func test_executionMeasures_comeFromStep3sClasses() throws {
        try writeRun()
        let report = build()
        XCTAssertEqual(report.measures["executes"]?.detail, "3/3")
        XCTAssertEqual(report.measures["empty"]?.detail, "1/3")
        XCTAssertEqual(report.measures["degenerate"]?.detail, "0/3")
        let execution = try XCTUnwrap(report.execution)
        XCTAssertEqual(execution.classes["empty"], 2)
        XCTAssertEqual(execution.filtered.map(\.index), [4])
        XCTAssertEqual(execution.notReplaced, 1)
        XCTAssertEqual(execution.repairedByModel, 1)
        XCTAssertEqual(execution.pairFileClasses, ["ok": 2, "empty": 1])
    }

    func test_afterQAGenerationOnly_executionIsNotMeasured() throws {
        try writeRun(validation: false)
        let report = QualityReportBuilder(directory: directory).build(after: .qaGeneration, now: Date())
        XCTAssertNil(report.measures["executes"]?.value)
        XCTAssertNil(report.measures["executes"]?.ok)
        XCTAssertNil(report.execution)
        XCTAssertEqual(report.measures["multi-table"]?.detail, "1/3")
    }

    func test_coverageRelationshipsAndDifficulty() throws {
        try writeRun()
        let report = build()
        let coverage = try XCTUnwrap(report.coverage)
        XCTAssertEqual(coverage.unusedBusinessColumns, ["public.sales.qty (measure)", "public.returns.rdate (time)"])
        XCTAssertEqual(coverage.tables.first { $0.table == "public.sales" }?.pairs, [1, 3])
        XCTAssertEqual(report.relationships?.used, 1)
        XCTAssertEqual(report.relationships?.available, 1)
        XCTAssertEqual(report.difficulty["medium"], 2, "a join; a grouping")
        XCTAssertEqual(report.difficulty["easy"], 1)
    }

    func test_warningsNameWhatToActOn() throws {
        try writeRun()
        let kinds = build().warnings.map(\.kind)
        XCTAssertTrue(kinds.contains(.factTableWithoutQuestion), "\(kinds)")
        XCTAssertTrue(kinds.contains(.measureNeverUsed))
        XCTAssertTrue(kinds.contains(.lowConfidenceRelationship))
        XCTAssertTrue(kinds.contains(.pairRepairedByModel))
        XCTAssertTrue(kinds.contains(.filteredPairNotReplaced))
        XCTAssertEqual(build().warnings.first { $0.kind == .measureNeverUsed }?.subject, "public.sales.qty")
    }

    func test_writerWritesTheFile() throws {
        try writeRun()
        let context = StepContext(taskID: directory.taskID, directory: directory, parameters: TaskParameters(dbConnection: "postgresql://u@h/shop", businessContext: "零售", tableListFile: "", fileUploadMode: false),
                                  vectorFlags: VectorFlags(), log: try log(), progress: ProgressBoard(), cancellation: CancellationToken())
        QualityReportWriter.write(context, after: .sqlValidation)
        let text = try XCTUnwrap(read("quality_report.json"))
        let json = try XCTUnwrap(JSONValue.parse(text))
        guard case .object(let fields) = json, case .object(let measures)? = fields["measures"] else { return XCTFail(text) }
        XCTAssertEqual(measures.count, 12)
        XCTAssertEqual(fields["written_after"], .string("sql_validation"))
    }

    func test_paraphrasesUseTheModelsSynonyms() {
        let maker = ParaphraseMaker(model: QualityReportFixture.model)
        XCTAssertEqual(maker.paraphrase("本月销售金额是多少"), "本月营收有多少", "a synonym of the model, then the frame")
        XCTAssertEqual(maker.paraphrase("上个月哪个城市单价最高"), "上月哪一个城市单价最多")
        XCTAssertNil(maker.paraphrase("一共几条"))
    }
}
