import Foundation
import PipelineCore
@testable import PipelineSteps
import XCTest

/// Step 2 reads `semantic_model.json` back from the task directory, so a model the user edited decides what it
/// writes; an invalid one is ignored with a warning.
final class QAGenerationSemanticModelTests: TaskDirectoryTestCase {
    /// Writes one pair per measure with the aggregate the request's model gives it (SUM without a model).
    private final class ModelEchoLLM: LLMProvider, @unchecked Sendable {
        let name = "echo"
        func generateComments(_ request: TableCommentRequest) throws -> GeneratedComments { GeneratedComments(tableComment: nil, columnComments: [:]) }
        func extractThemes(_ request: ThemeRequest) throws -> [AnalysisTheme] {
            [AnalysisTheme(name: "营收分析", description: "", relatedTables: request.tables.map(\.reference.documentName), entities: [], metrics: [])]
        }
        func generatePairs(_ request: PairRequest) throws -> [QuestionSQLPair] {
            request.tables.flatMap { table in
                table.columns.filter { $0.category == .decimal }.map { column in
                    let aggregate = request.semanticModel?.table(table.reference)?.column(column.name)?.measure?.aggregation.rawValue ?? "SUM"
                    return QuestionSQLPair(question: "\(column.name)汇总", sql: "SELECT \(aggregate)(\(column.name)) FROM \(table.reference.name);")
                }
            }
        }
        func repairSQL(_ request: SQLRepairRequest) throws -> [String?] { request.items.map { _ in nil } }
        func describeDatabase(tables: [TableDescription], themes: [AnalysisTheme], businessContext: String) throws -> String { "范围" }
    }

    private let sales = TableDescription(
        reference: TableReference(schema: "public", name: "sales"), kind: .table, estimatedRows: 5000,
        columns: [ColumnDescription(name: "id", position: 1, dataType: "integer", category: .integer, isPrimaryKey: true),
                  ColumnDescription(name: "sale_date", position: 2, dataType: "date", category: .date),
                  ColumnDescription(name: "amount", position: 3, dataType: "numeric(12,2)", category: .decimal)],
        primaryKey: ["id"])

    private func runStep() throws -> String {
        try write(DDLFormatter.format(sales), to: "sales.ddl")
        try write(TableDocFormatter.format(sales), to: "sales_detail.md")
        let context = StepContext(
            taskID: TaskID("task_20250101_000000")!, directory: directory,
            parameters: TaskParameters(dbConnection: "postgresql://u@h/shop", businessContext: "零售", tableListFile: "", fileUploadMode: false),
            vectorFlags: VectorFlags(), log: try log(), progress: ProgressBoard(), cancellation: CancellationToken())
        return read(try QAGenerationStep(llm: ModelEchoLLM()).run(context).outputFile) ?? ""
    }

    func testAMeasureEditedToNonAdditiveChangesTheSQLStep2Writes() throws {
        var model = SemanticModelBuilder(tables: [sales]).build()
        try write(String(decoding: try SemanticModelFile.encode(model), as: UTF8.self), to: SemanticModelFile.fileName)
        XCTAssertTrue(try runStep().contains("SUM(amount)"))

        model.tables[0].columns[2].measure?.additive = false
        model.tables[0].columns[2].measure?.aggregation = .avg
        try write(String(decoding: try SemanticModelFile.encode(model), as: UTF8.self), to: SemanticModelFile.fileName)
        let written = try runStep()
        XCTAssertTrue(written.contains("AVG(amount)"), written)
        XCTAssertFalse(written.contains("SUM(amount)"), written)
    }

    func testAnInvalidModelIsIgnoredWithAWarning() throws {
        try write("{\"version\": 1, \"tables\": [", to: SemanticModelFile.fileName)
        XCTAssertTrue(try runStep().contains("SUM(amount)"))
        XCTAssertTrue((read("data_pipeline.log") ?? "").contains("语义模型 semantic_model.json 无效"))
    }
}
