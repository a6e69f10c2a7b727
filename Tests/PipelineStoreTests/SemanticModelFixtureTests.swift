import PipelineCore
import PipelineProviders
import Postgres
import XCTest

/// The introspection fixture (two schemas, quoted, CJK and mixed-case names, an enum type, a partitioned table,
/// views) gets a valid model.
final class SemanticModelFixtureTests: IntrospectionTestCase {
    private func fixtureModel() throws -> (model: SemanticModel, tables: [TableDescription]) {
        try SemanticModelDerivation(introspector: introspector).model(names(
            "customer", "orders", "ods.orders", "order_item", "shipment", "event_log", "paid_orders", "order_totals",
            "\"MemberPoints\"", "\"门店评价\"", "ticket", "empty_thing"))
    }

    func testEveryListedRelationIsInTheModelAndTheModelValidates() throws {
        let (model, tables) = try fixtureModel()
        XCTAssertEqual(model.tables.count, 12)
        XCTAssertEqual(try SemanticModelFile.decode(try SemanticModelFile.encode(model), documents: tables), model)
        XCTAssertNotNil(model.table(TableReference(schema: "public", name: "MemberPoints")))
        XCTAssertNotNil(model.table(TableReference(schema: "public", name: "门店评价")))
        XCTAssertNotNil(model.table(TableReference(schema: "ods", name: "orders")))
    }

    func testDeclaredKeysAreRelationshipsAndJoinPathsFollowThem() throws {
        let model = try fixtureModel().model
        XCTAssertTrue(model.links(.declared).isSuperset(of: [
            "orders.customer_id->customer.id", "order_item.order_id->orders.order_id",
            "shipment.order_id,line_no->order_item.order_id,line_no",
        ]))
        // Both are real: the view and the materialized view carry the keys they were built from.
        XCTAssertEqual(model.links(.inferred), ["paid_orders.order_id->orders.order_id", "order_totals.customer_id->customer.id"])
    }

    func testTheEnumTypeGivesTheDimensionItsLabelsInDeclaredOrder() throws {
        let orders = try XCTUnwrap(try fixtureModel().model.table(TableReference(schema: "public", name: "orders")))
        XCTAssertEqual(try orders.requireColumn("state").role, .dimension)
        XCTAssertEqual(try orders.requireColumn("state").dimension?.values, ["created", "paid", "shipped", "cancelled"])
        XCTAssertEqual(try orders.requireColumn("amount").measure?.aggregation, .sum)
        XCTAssertEqual(try orders.requireColumn("ratio").measure?.aggregation, .avg)
        XCTAssertEqual(try orders.requireColumn("ordered_on").time?.granularity, .day)
        XCTAssertEqual(try orders.requireColumn("ordered_on").time?.min, "2024-01-02")
        XCTAssertEqual(try orders.requireColumn("updated_at").role, .audit)
        XCTAssertEqual(orders.kind, .fact)
    }

    func testPartitionedTablesAndViewsGetKindsAndRoles() throws {
        let model = try fixtureModel().model
        let events = try XCTUnwrap(model.table(TableReference(schema: "public", name: "event_log")))
        XCTAssertEqual(try events.requireColumn("happened_on").role, .time)
        XCTAssertEqual(events.kind, .log)
        let view = try XCTUnwrap(model.table(TableReference(schema: "public", name: "paid_orders")))
        XCTAssertEqual(try view.requireColumn("amount").role, .measure)
        let customer = try XCTUnwrap(model.table(TableReference(schema: "public", name: "customer")))
        XCTAssertEqual(customer.kind, .dimension)
        XCTAssertEqual(try customer.requireColumn("phone").role, .sensitive)
        XCTAssertEqual(try customer.requireColumn("name").role, .label)
    }
}

extension SemanticModelFixtureTests {
    func testACandidateTheServerRefusesDoesNotCostTheOthersTheirAnswer() throws {
        try database.connect().execute(PostgresQuery("CREATE TABLE state_names (state text PRIMARY KEY)"))
        let snapshot = try introspector.catalog(names("orders", "customer", "state_names"))
        let orders = snapshot.tables[0].reference, customer = snapshot.tables[1].reference
        let states = snapshot.tables[2].reference
        let checks = try introspector.confirm([
            // order_state = text has no operator: this one fails on the server.
            RelationshipCandidate(child: orders, childColumn: "state", parent: states, parentColumn: "state",
                                  rule: "same_key_name", weight: 0.9, childIsLarge: false),
            RelationshipCandidate(child: orders, childColumn: "customer_id", parent: customer, parentColumn: "id",
                                  rule: "entity_key", weight: 0.9, childIsLarge: false),
        ], options: IntrospectionOptions())
        XCTAssertEqual(checks.map(\.candidate.childColumn), ["customer_id"])
        XCTAssertEqual(checks.first?.sampledValues, 20)
        XCTAssertEqual(checks.first?.foundValues, 20)
    }
}
