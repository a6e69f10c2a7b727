import PipelineCore
import XCTest

/// The drift rules that the end-to-end test does not reach: comments, nullability, values gone, relationships, and
/// which undocumented tables count as added.
final class SchemaDriftComparisonTests: XCTestCase {
    private let orders = TableReference(schema: "public", name: "orders")
    private let customers = TableReference(schema: "public", name: "customers")

    private func ordersTable(comment: String? = nil, statusComment: String? = nil, notNull: Bool = false,
                             values: [String]? = nil, keys: [ForeignKeyReference] = []) -> TableDescription {
        TableDescription(
            reference: orders, kind: .table, comment: comment,
            columns: [
                ColumnDescription(name: "id", position: 1, dataType: "bigint", category: .integer, notNull: true,
                                  isPrimaryKey: true),
                ColumnDescription(name: "status", position: 2, dataType: "varchar(10)", category: .text, notNull: notNull,
                                  comment: statusComment, enumValues: values),
                ColumnDescription(name: "customer_id", position: 3, dataType: "bigint", category: .integer),
            ],
            primaryKey: ["id"], foreignKeys: keys)
    }

    private func live(_ tables: [TableDescription], schemaTables: [SchemaTableEntry] = [],
                      values: [TableReference: [String: [String]]] = [:]) -> CurrentSchema {
        CurrentSchema(snapshot: CatalogSnapshot(tables: tables, missing: []), schemaTables: schemaTables, values: values)
    }

    private func kinds(_ changes: [SchemaChange]) -> [String] {
        changes.map { "\($0.kind.rawValue) \($0.column ?? $0.relationship ?? "-") \($0.documented ?? "-") \($0.current ?? "-")" }
    }

    func test_unchangedTable_hasNoChanges_evenWithAGeneratedCommentAndAnUnmarkedPrimaryKey() {
        var documented = ordersTable(comment: "订单表（生成）", statusComment: "状态（生成）")
        documented.columns[0].notNull = false
        let now = ordersTable()
        XCTAssertEqual(SchemaDriftComparison(documented: [documented], model: nil, listed: [],
                                             current: live([now])).changes(), [])
    }

    func test_databaseComment_differingFromTheDocumentedOne_isChanged() {
        var now = ordersTable()
        now.existingComment = "订单主表"
        now.columns[1].existingComment = "订单状态"
        let documented = ordersTable(comment: "订单表", statusComment: "订单状态")
        XCTAssertEqual(kinds(SchemaDriftComparison(documented: [documented], model: nil, listed: [],
                                                   current: live([now])).changes()),
                       ["comment_changed - 订单表 订单主表"])
    }

    func test_nullability_andTypeSpelling() {
        var now = ordersTable(notNull: true)
        now.columns[2].dataType = "BIGINT"
        XCTAssertEqual(kinds(SchemaDriftComparison(documented: [ordersTable()], model: nil, listed: [],
                                                   current: live([now])).changes()),
                       ["nullability_changed status null not null"])
    }

    func test_values_addedAndGone_onlyWhereTheDatabaseStillTellsThem() {
        let documented = ordersTable(values: ["new", "paid", "closed"])
        let told = live([ordersTable()], values: [orders: ["status": ["new", "paid", "refunded"]]])
        XCTAssertEqual(kinds(SchemaDriftComparison(documented: [documented], model: nil, listed: [], current: told).changes()),
                       ["value_added status - refunded", "value_gone status closed -"])
        XCTAssertEqual(SchemaDriftComparison(documented: [documented], model: nil, listed: [],
                                             current: live([ordersTable()])).changes(), [])
    }

    func test_addedTables_areListedOnesOrNewerThanEveryDocumentedTable() {
        let schemaTables = [
            SchemaTableEntry(reference: orders, isNewerThanDocumented: false),
            SchemaTableEntry(reference: TableReference(schema: "public", name: "left_out"), isNewerThanDocumented: false),
            SchemaTableEntry(reference: TableReference(schema: "public", name: "listed_now"), isNewerThanDocumented: false),
            SchemaTableEntry(reference: TableReference(schema: "public", name: "created_later"), isNewerThanDocumented: true),
        ]
        let changes = SchemaDriftComparison(documented: [ordersTable()], model: nil,
                                            listed: [TableName("orders")!, TableName("listed_now")!],
                                            current: live([ordersTable()], schemaTables: schemaTables)).changes()
        XCTAssertEqual(changes.map(\.table), ["public.listed_now", "public.created_later"])
        XCTAssertEqual(Set(changes.map(\.kind)), [.tableAdded])
    }

    func test_relationships_declaredAddedAndGone() {
        let key = ForeignKeyReference(columns: ["customer_id"], target: customers, targetColumns: ["id"])
        let added = SchemaDriftComparison(documented: [ordersTable()], model: nil, listed: [],
                                          current: live([ordersTable(keys: [key])])).changes()
        XCTAssertEqual(kinds(added), ["relationship_added orders(customer_id)->customers(id) - -"])
        let gone = SchemaDriftComparison(documented: [ordersTable(keys: [key])], model: nil, listed: [],
                                         current: live([ordersTable()])).changes()
        XCTAssertEqual(kinds(gone), ["relationship_gone orders(customer_id)->customers(id) - -"])
    }

    func test_goneTable_isReportedOnce() {
        let changes = SchemaDriftComparison(documented: [ordersTable()], model: nil, listed: [], current: live([])).changes()
        XCTAssertEqual(kinds(changes), ["table_gone - - -"])
    }
}
