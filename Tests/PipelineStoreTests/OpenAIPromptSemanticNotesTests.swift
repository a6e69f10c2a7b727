import PipelineCore
@testable import PipelineProviders
import XCTest

/// The OpenAI-compatible provider's prompts carry the semantic model: kinds, grains, aggregations, ranges, links.
final class OpenAIPromptSemanticNotesTests: XCTestCase {
    private let area = TableDescription(
        reference: TableReference(schema: "public", name: "area"), kind: .table, comment: "服务区表",
        columns: [ColumnDescription(name: "id", position: 1, dataType: "integer", category: .integer, isPrimaryKey: true),
                  ColumnDescription(name: "area_name", position: 2, dataType: "text", category: .text)],
        primaryKey: ["id"])
    private let sales = TableDescription(
        reference: TableReference(schema: "public", name: "sales"), kind: .table, estimatedRows: 5000,
        columns: [ColumnDescription(name: "id", position: 1, dataType: "integer", category: .integer, isPrimaryKey: true),
                  ColumnDescription(name: "area_id", position: 2, dataType: "integer", category: .integer),
                  ColumnDescription(name: "sale_date", position: 3, dataType: "date", category: .date),
                  ColumnDescription(name: "unit_price", position: 4, dataType: "numeric(10,2)", category: .decimal)],
        primaryKey: ["id"],
        foreignKeys: [ForeignKeyReference(columns: ["area_id"], target: TableReference(schema: "public", name: "area"), targetColumns: ["id"])])

    func testPromptsShowAggregationsGrainAndRelationshipsOnlyWithAModel() {
        XCTAssertEqual(PromptSemanticNotes.notes([sales], model: nil), "")
        let notes = PromptSemanticNotes.notes([area, sales], model: SemanticModelBuilder(tables: [area, sales]).build())
        XCTAssertTrue(notes.contains("### 语义说明：sales（事实表，每行 = 服务区 × 日）"), notes)
        XCTAssertTrue(notes.contains("unit_price（unit_price，聚合 AVG，单位 元"), notes)
        XCTAssertTrue(notes.contains("- 关联：area_id → area.id（外键）"), notes)
        XCTAssertTrue(notes.contains("### 语义说明：area（维度表"), notes)
    }
}
