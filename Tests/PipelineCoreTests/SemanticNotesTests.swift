import XCTest
@testable import PipelineCore

/// Issue 12 item 3: the `_detail.md` gains the semantic notes a reader needs (kind and grain, roles, how measures add
/// up, code meanings, time ranges, relationships declared or inferred), and reading a document back ignores them, so
/// the round trip of the files stays exact.
final class SemanticNotesTests: XCTestCase {
    private let sales = TableReference(schema: "public", name: "daily_sales")
    private let store = TableReference(schema: "ods", name: "store")

    private var model: SemanticModel {
        let columns = [
            SemanticColumn(name: "id", dataType: "bigint", label: "标识", role: .identifier),
            SemanticColumn(name: "store_id", dataType: "bigint", label: "门店标识", role: .foreignKey),
            SemanticColumn(name: "sale_date", dataType: "date", label: "销售日期", role: .time,
                           time: TimeSemantics(granularity: .day, min: "2024-01-01", max: "2025-06-30", rangeSource: "index")),
            SemanticColumn(name: "pay_amount", dataType: "numeric(12,2)", label: "支付金额", role: .measure,
                           measure: MeasureSemantics(additive: true, aggregation: .sum, unit: "元", synonyms: ["营收", "营业额"])),
            SemanticColumn(name: "unit_price", dataType: "numeric(10,2)", label: "单价", role: .measure,
                           measure: MeasureSemantics(additive: false, aggregation: .avg, unit: "元", synonyms: [])),
            SemanticColumn(name: "channel", dataType: "smallint", label: "渠道", role: .dimension,
                           dimension: DimensionSemantics(cardinality: 2, values: ["1", "2"], meanings: ["1": "线上", "2": "门店"])),
            SemanticColumn(name: "delete_ts", dataType: "timestamp", label: "删除时间", role: .audit),
        ]
        let table = SemanticTable(schema: "public", name: "daily_sales", chineseName: "日销售", kind: .fact,
                                  grain: "门店 × 日", estimatedRows: 1200, primaryKey: ["id"], softDeleteColumn: "delete_ts",
                                  columns: columns)
        let relationship = SemanticRelationship(
            from: RelationshipEnd(schema: "public", table: "daily_sales", columns: ["store_id"]),
            to: RelationshipEnd(schema: "ods", table: "store", columns: ["id"]),
            source: .inferred, confidence: 0.9,
            evidence: RelationshipEvidence(rule: "entity_key", sampledValues: 20, foundValues: 20))
        return SemanticModel(tables: [table], relationships: [relationship], joinPaths: [])
    }

    func testNotesSayKindGrainRolesMeasuresCodesRangesAndRelationships() {
        let lines = SemanticNotes.lines(for: sales, in: model)
        XCTAssertEqual(lines, [
            "- 表类型：事实表（日销售），粒度：门店 × 日，约 1200 行",
            "- 软删除：delete_ts 标记已删除的行，统计时应排除",
            "- 字段角色：id 标识；store_id 外键；sale_date 时间；pay_amount 度量；unit_price 度量；channel 维度；delete_ts 审计",
            "- 时间 sale_date（销售日期）：按日，数据范围 2024-01-01 至 2025-06-30",
            "- 度量 pay_amount（支付金额）：可累加，汇总用 SUM，单位 元，同义词 营收、营业额",
            "- 度量 unit_price（单价）：不可累加，汇总用 AVG，单位 元",
            "- 维度 channel（渠道）：约 2 个取值，编码含义 1=线上、2=门店",
            "- 关系（推断，置信度 0.90，抽样 20 个值命中 20 个）：daily_sales.store_id → ods.store.id",
        ])
        XCTAssertEqual(SemanticNotes.lines(for: store, in: model),  [], "a table the model does not describe gets no section")
    }

    func testDocumentWithNotesReadsBackLikeTheDocumentWithout() throws {
        for table in SchemaReaderFixtures.all {
            let notes = SemanticNotes.lines(for: sales, in: model)
            let plain = TableDocFormatter.format(table)
            let annotated = TableDocFormatter.format(table, semanticNotes: notes)
            XCTAssertTrue(annotated.hasPrefix(plain.dropLast()), "\(table.reference)")
            XCTAssertTrue(annotated.contains("\n语义说明：\n- 表类型：事实表"), "\(table.reference)")
            let ddl = DDLFormatter.format(table)
            let read = try TableDocumentReader.read(ddl: ddl, detail: annotated)
            XCTAssertEqual(read, try TableDocumentReader.read(ddl: ddl, detail: plain), "\(table.reference)")
            XCTAssertEqual(TableDocFormatter.format(read), plain, "\(table.reference)")
        }
    }
}
