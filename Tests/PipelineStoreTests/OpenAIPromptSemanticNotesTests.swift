import PipelineCore
@testable import PipelineProviders
import TestSupport
import XCTest

/// The OpenAI-compatible provider's prompts carry the semantic model: kinds, grains, aggregations, ranges, links.
final class OpenAIPromptSemanticNotesTests: XCTestCase {
    private let area = SemanticFixtureTables.area
    private let sales = SemanticFixtureTables.sales

    func testPromptsShowAggregationsGrainAndRelationshipsOnlyWithAModel() {
        XCTAssertEqual(PromptSemanticNotes.notes([sales], model: nil), "")
        let notes = PromptSemanticNotes.notes([area, sales], model: SemanticModelBuilder(tables: [area, sales]).build())
        XCTAssertTrue(notes.contains("### 语义说明：sales（事实表，每行 = 服务区 × 日）"), notes)
        XCTAssertTrue(notes.contains("unit_price（unit_price，聚合 AVG，单位 元"), notes)
        XCTAssertTrue(notes.contains("amount（amount，聚合 SUM，单位 元"), notes)
        XCTAssertTrue(notes.contains("- 关联：area_id → area.id（外键）"), notes)
        XCTAssertTrue(notes.contains("### 语义说明：area（维度表"), notes)
    }
}
