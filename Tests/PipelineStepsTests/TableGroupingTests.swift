import PipelineCore
import XCTest
@testable import PipelineSteps

/// Step 2 splits a schema into theme-extraction groups: foreign-key clusters together, no group over the limit,
/// every table in exactly one group (the predecessor refused more than 20 tables instead).
final class TableGroupingTests: XCTestCase {
    func testForeignKeyClustersStayTogether() {
        let tables = [
            table("public", "orders", references: ["customers"]), table("public", "audit_log"),
            table("public", "customers"), table("public", "order_items", references: ["orders"]),
        ]
        let groups = TableGrouping.connectedComponents(tables).map { $0.map(\.reference.name) }
        XCTAssertEqual(groups, [["orders", "customers", "order_items"], ["audit_log"]])
    }

    func testALargeSchemaIsSplitIntoGroupsUnderTheLimit_withEveryTableOnce() {
        // A chain of 45 tables (t_2 → t_1, t_3 → t_2, …) and 7 unrelated ones.
        var tables = (1...45).map { table("sales", "t_\($0)", references: $0 > 1 ? ["t_\($0 - 1)"] : []) }
        tables += (1...7).map { table("hr", "x_\($0)") }
        let groups = TableGrouping.groups(tables, maxTables: 20)
        XCTAssertTrue(groups.allSatisfy { $0.count <= 20 }, "\(groups.map(\.count))")
        XCTAssertEqual(groups.flatMap { $0.map(\.reference) }.sorted { $0.description < $1.description },
                       tables.map(\.reference).sorted { $0.description < $1.description })
        XCTAssertEqual(groups.count, 4, "45 chained tables in 3 groups, the 7 others in one: \(groups.map(\.count))")
    }

    func testSmallUnrelatedTablesArePackedByNamePrefix() {
        let tables = [table("public", "bss_a"), table("public", "crm_a"), table("public", "bss_b"), table("public", "crm_b")]
        let groups = TableGrouping.groups(tables, maxTables: 2).map { $0.map(\.reference.name) }
        XCTAssertEqual(groups, [["bss_a", "bss_b"], ["crm_a", "crm_b"]])
    }

    func testTablesThatFitTheLimitStayInOneGroup_evenWithoutKeys() {
        let tables = [table("public", "orders"), table("public", "suppliers"), table("public", "promotions")]
        XCTAssertEqual(TableGrouping.groups(tables, maxTables: 20).map { $0.map(\.reference.name) }, [["orders", "suppliers", "promotions"]])
    }

    func testInferredRelationshipsOfTheSemanticModelJoinComponents() {
        let tables = [table("public", "a_orders"), table("public", "b_items"), table("public", "c_other")]
        let relationship = SemanticRelationship(from: RelationshipEnd(schema: "public", table: "b_items", columns: ["order_id"]),
                                                to: RelationshipEnd(schema: "public", table: "a_orders", columns: ["id"]),
                                                source: .inferred, confidence: 1, evidence: nil)
        let model = SemanticModel(tables: [], relationships: [relationship], joinPaths: [])
        let components = TableGrouping.connectedComponents(tables, model: model).map { $0.map(\.reference.name) }
        XCTAssertEqual(components, [["a_orders", "b_items"], ["c_other"]])
    }
}
