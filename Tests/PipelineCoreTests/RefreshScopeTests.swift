import PipelineCore
import XCTest

/// What a refresh redoes (`RefreshScope`) and how it merges the semantic model (`SemanticModelRefresh`): the rules
/// the end-to-end refresh test does not reach (gone tables, a table changed twice, kept model entries).
final class RefreshScopeTests: XCTestCase {
    private let orders = TableReference(schema: "public", name: "orders")
    private let customers = TableReference(schema: "public", name: "customers")
    private let archive = TableReference(schema: "ods", name: "archive")
    private let fuel = TableReference(schema: "public", name: "fuel")

    private func table(_ reference: TableReference) -> TableDescription {
        TableDescription(reference: reference, kind: .table, columns: [
            ColumnDescription(name: "id", position: 1, dataType: "bigint", category: .integer, notNull: true, isPrimaryKey: true),
        ], primaryKey: ["id"])
    }

    func test_changesAreGroupedByTable_inOrder_andTheRestIsUnchanged() {
        let changes = [
            SchemaChange(kind: .columnAdded, table: "public.orders", column: "note", current: "text", message: "a"),
            SchemaChange(kind: .tableGone, table: "ods.archive", message: "b"),
            SchemaChange(kind: .columnRetyped, table: "public.orders", column: "id", documented: "integer", current: "bigint", message: "c"),
            SchemaChange(kind: .tableAdded, table: "public.fuel", message: "d"),
        ]
        let scope = RefreshScope(documented: [table(orders), table(customers), table(archive)], changes: changes)
        XCTAssertEqual(scope.changed.map(\.table), [orders])
        XCTAssertEqual(scope.changed.first?.changes.map(\.message), ["a", "c"], "both reasons of the table, in order")
        XCTAssertEqual(scope.gone.map(\.table), [archive])
        XCTAssertEqual(scope.added.map(\.table), [fuel])
        XCTAssertEqual(scope.unchanged, [customers])
        XCTAssertEqual(scope.redone, [orders, fuel])
        XCTAssertEqual(scope.touched, [orders, archive, fuel])
        XCTAssertFalse(scope.isEmpty)
        XCTAssertTrue(RefreshScope(documented: [table(orders)], changes: []).isEmpty)
    }

    private func semanticTable(_ reference: TableReference, name: String) -> SemanticTable {
        SemanticTable(schema: reference.schema, name: reference.name, chineseName: name, kind: .dimension, grain: name,
                      estimatedRows: nil, primaryKey: ["id"], softDeleteColumn: nil, columns: [])
    }

    private func relationship(_ from: TableReference, _ to: TableReference) -> SemanticRelationship {
        SemanticRelationship(from: RelationshipEnd(from, columns: ["\(to.name)_id"]), to: RelationshipEnd(to, columns: ["id"]),
                             source: .inferred, confidence: 0.9, evidence: nil)
    }

    func test_modelMerge_keepsUntouchedEntriesAndRelationships_takesTheRedoneOnes_andDropsTheGone() {
        let previous = SemanticModel(
            tables: [semanticTable(orders, name: "用户改过的订单"), semanticTable(customers, name: "旧客户"), semanticTable(archive, name: "归档")],
            relationships: [relationship(orders, archive), relationship(customers, archive), relationship(orders, customers)],
            joinPaths: [])
        let rebuilt = SemanticModel(
            tables: [semanticTable(orders, name: "重建的订单"), semanticTable(customers, name: "新客户"), semanticTable(fuel, name: "油价")],
            relationships: [relationship(fuel, customers), relationship(orders, fuel)], joinPaths: [])
        let merged = SemanticModelRefresh.merge(previous: previous, rebuilt: rebuilt, redone: [customers, fuel], gone: [archive])
        XCTAssertEqual(merged.tables.map(\.chineseName), ["用户改过的订单", "新客户", "油价"],
                       "an untouched table keeps the file's entry, a redone one takes the rebuilt one")
        XCTAssertEqual(Set(merged.relationships.map(\.id)), Set([relationship(fuel, customers), relationship(orders, fuel)].map(\.id)),
                       "the gone table's relationships leave; the redone tables' come from the rebuilt model")
        XCTAssertEqual(SemanticModelRefresh.merge(previous: nil, rebuilt: rebuilt, redone: [], gone: []), rebuilt)
    }
}
