import PipelineCore
import PipelineProviders
import XCTest

/// `PostgresSchemaIntrospector.catalog` against a real PostgreSQL.
final class IntrospectionCatalogTests: IntrospectionTestCase {
    func testTablesViewsMaterializedViewsAndPartitionedTablesAreDocumentedInListOrder() throws {
        let snapshot = try introspector.catalog(names(
            "order_totals", "paid_orders", "event_log", "event_log_2024", "customer", "ods.orders"
        ))
        XCTAssertEqual(snapshot.tables.map(\.reference.description), [
            "public.order_totals", "public.paid_orders", "public.event_log", "public.event_log_2024",
            "public.customer", "ods.orders",
        ])
        XCTAssertEqual(snapshot.tables.map(\.kind), [.materializedView, .view, .partitionedTable, .table, .table, .table])
        XCTAssertEqual(snapshot.missing, [])
    }

    func testMissingNamesAreReportedInListOrder() throws {
        let snapshot = try introspector.catalog(names("nope_b", "customer", "ods.customer", "nope_a", "customer_id_seq"))
        XCTAssertEqual(snapshot.tables.map(\.reference.name), ["customer"])
        // A sequence is no table either.
        XCTAssertEqual(snapshot.missing.map(\.description), ["nope_b", "ods.customer", "nope_a", "customer_id_seq"])
    }

    func testATableListedTwiceIsDocumentedOnce() throws {
        let snapshot = try introspector.catalog(names("customer", "orders", "public.customer"))
        XCTAssertEqual(snapshot.tables.map(\.reference.name), ["customer", "orders"])
    }

    func testTheSameTableNameInTwoSchemasResolvesByTheListedSchema() throws {
        let snapshot = try introspector.catalog(names("ods.orders", "orders"))
        XCTAssertEqual(snapshot.tables.map(\.reference.description), ["ods.orders", "public.orders"])
        XCTAssertEqual(snapshot.tables[0].columns.map(\.name), ["id", "region"])
        XCTAssertEqual(snapshot.tables[0].existingComment, "ODS 订单")
        XCTAssertEqual(snapshot.tables[1].columns.first?.name, "order_id")
    }

    func testQuotedMixedCaseAndChineseNamesAreFound() throws {
        let snapshot = try introspector.catalog(names("\"MemberPoints\"", "public.\"门店评价\"", "memberpoints"))
        XCTAssertEqual(snapshot.tables.map(\.reference.name), ["MemberPoints", "门店评价"])
        XCTAssertEqual(snapshot.tables[0].columns.map(\.name), ["MemberId", "Points"])
        XCTAssertEqual(snapshot.tables[1].columns.map(\.name), ["评价编号", "门店名称", "评分"])
        XCTAssertEqual(snapshot.tables[1].existingComment, "门店评价表")
        // Unquoted, the name folds to lower case as in SQL: there is no such table.
        XCTAssertEqual(snapshot.missing.map(\.description), ["memberpoints"])
    }

    func testAnUnquotedNameFindsTheTableAsPostgreSQLWouldFoldIt() throws {
        let snapshot = try introspector.catalog(names("ODS.Orders", "Customer"))
        XCTAssertEqual(snapshot.tables.map(\.reference.description), ["ods.orders", "public.customer"])
    }

    func testReservedWordAndQuoteContainingColumnNamesAreListedAsTheyAre() throws {
        let orders = try describe("orders")
        XCTAssertEqual(try orders.column("order").dataType, "integer")
        XCTAssertEqual(try orders.column("user").dataType, "text")
        XCTAssertEqual(try orders.column("say \"hi\"").position, 16)
    }

    func testTypesAreSpelledAsTheDDLFormatSays() throws {
        let orders = try describe("orders")
        let types = Dictionary(uniqueKeysWithValues: orders.columns.map { ($0.name, $0.dataType) })
        XCTAssertEqual(types, [
            "order_id": "bigint", "customer_id": "integer", "status": "varchar(16)", "state": "order_state",
            "amount": "numeric(19,4)", "quantity": "numeric(10)", "tags": "text[]", "codes": "varchar(20)[]",
            "attributes": "jsonb", "raw_body": "json", "ref_uuid": "uuid", "client_ip": "inet", "attachment": "bytea",
            "order": "integer", "user": "text", "say \"hi\"": "text", "weight": "real", "ratio": "double precision",
            "ordered_on": "date", "ordered_at": "timestamp", "opens_at": "time", "opens_tz": "timetz",
            "is_paid": "boolean", "discarded": "text", "line_count": "smallint", "updated_at": "timestamp(3)",
        ])
        let customer = try describe("customer")
        XCTAssertEqual(try customer.column("region").dataType, "char(2)")
        XCTAssertEqual(try customer.column("created_at").dataType, "timestamptz")
    }

    func testColumnsGetTheirTypeFamily() throws {
        let orders = try describe("orders")
        let categories = Dictionary(uniqueKeysWithValues: orders.columns.map { ($0.name, $0.category) })
        XCTAssertEqual(categories["order_id"], .integer)
        XCTAssertEqual(categories["status"], .text)
        XCTAssertEqual(categories["state"], .text)
        XCTAssertEqual(categories["amount"], .decimal)
        XCTAssertEqual(categories["ratio"], .decimal)
        XCTAssertEqual(categories["tags"], .array)
        XCTAssertEqual(categories["attributes"], .json)
        XCTAssertEqual(categories["ref_uuid"], .uuid)
        XCTAssertEqual(categories["client_ip"], .network)
        XCTAssertEqual(categories["attachment"], .binary)
        XCTAssertEqual(categories["is_paid"], .boolean)
        XCTAssertEqual(categories["ordered_on"], .date)
        XCTAssertEqual(categories["ordered_at"], .timestamp)
        XCTAssertEqual(categories["opens_tz"], .time)
    }

    func testDefaultsAreNormalized() throws {
        let orders = try describe("orders")
        let customer = try describe("customer")
        XCTAssertNil(try customer.column("id").defaultValue, "serial: no nextval(…)")
        XCTAssertNil(try orders.column("order_id").defaultValue, "identity")
        XCTAssertEqual(try customer.column("source").defaultValue, "'x'")
        XCTAssertEqual(try customer.column("created_at").defaultValue, "current_timestamp")
        XCTAssertEqual(try orders.column("updated_at").defaultValue, "current_timestamp")
        XCTAssertEqual(try orders.column("amount").defaultValue, "0")
        XCTAssertEqual(try orders.column("status").defaultValue, "'new'")
        XCTAssertEqual(try orders.column("state").defaultValue, "'created'")
        XCTAssertEqual(try orders.column("is_paid").defaultValue, "false")
        XCTAssertEqual(try orders.column("line_count").defaultValue, "-1")
        XCTAssertNil(try orders.column("discarded").defaultValue)
    }

    func testNotNullIsReported() throws {
        let orders = try describe("orders")
        XCTAssertTrue(try orders.column("customer_id").notNull)
        XCTAssertFalse(try orders.column("quantity").notNull)
    }

    func testExistingTableAndColumnCommentsAreKept() throws {
        let customer = try describe("customer")
        XCTAssertEqual(customer.existingComment, "客户表，存储客户基本信息")
        XCTAssertEqual(customer.comment, "客户表，存储客户基本信息")
        XCTAssertEqual(try customer.column("name").existingComment, "客户名称")
        XCTAssertEqual(try customer.column("name").comment, "客户名称")
        XCTAssertNil(try customer.column("phone").existingComment)
        XCTAssertEqual(try describe("paid_orders").existingComment, "已支付订单")
    }

    func testCompositePrimaryKeyIsInConstraintOrder() throws {
        let item = try describe("order_item")
        XCTAssertEqual(item.primaryKey, ["line_no", "order_id"])
        XCTAssertEqual(item.columns.filter(\.isPrimaryKey).map(\.name), ["order_id", "line_no"])
        XCTAssertFalse(try item.column("product_code").isPrimaryKey)
    }

    func testForeignKeysNameTheirTargetTableAndColumns() throws {
        let item = try describe("order_item")
        XCTAssertEqual(item.foreignKeys, [ForeignKeyReference(
            columns: ["order_id"], target: TableReference(schema: "public", name: "orders"), targetColumns: ["order_id"]
        )])
        XCTAssertTrue(try item.column("order_id").isForeignKey)
        let shipment = try describe("shipment")
        XCTAssertEqual(shipment.foreignKeys, [ForeignKeyReference(
            columns: ["order_id", "line_no"], target: TableReference(schema: "public", name: "order_item"),
            targetColumns: ["order_id", "line_no"]
        )])
        XCTAssertEqual(shipment.primaryKey, [])
    }

    func testViewsHaveColumnsButNoKeys() throws {
        let view = try describe("paid_orders")
        XCTAssertEqual(view.columns.map(\.name), ["order_id", "amount"])
        XCTAssertEqual(view.columns.map(\.dataType), ["bigint", "numeric(19,4)"])
        XCTAssertEqual(view.primaryKey, [])
    }

    func testRowEstimatesComeFromStatisticsAndAreNilWhenNeverAnalyzed() throws {
        let snapshot = try introspector.catalog(names("orders", "ticket"))
        XCTAssertEqual(snapshot.tables[0].estimatedRows, 60)
        XCTAssertNil(snapshot.tables[1].estimatedRows)
    }

    func testColumnPositionsCountLiveColumnsOnly() throws {
        let connection = try database.connect()
        try connection.execute(.init("ALTER TABLE customer DROP COLUMN phone"))
        let customer = try describe("customer")
        XCTAssertEqual(customer.columns.map(\.position), Array(1...7))
        XCTAssertEqual(try customer.column("contact").position, 3)
    }

    func testCatalogSendsAFewStatementsWhateverTheNumberOfTables() throws {
        let ten = names("customer", "orders", "ods.orders", "order_item", "shipment", "event_log", "paid_orders",
                        "order_totals", "\"MemberPoints\"", "\"门店评价\"")
        let before = introspector.statementsSent
        XCTAssertEqual(try introspector.catalog(ten).tables.count, 10)
        let forTen = introspector.statementsSent - before
        XCTAssertLessThanOrEqual(forTen, 6, "connection set-up included")

        let afterTen = introspector.statementsSent
        _ = try introspector.catalog(names("customer"))
        let forOne = introspector.statementsSent - afterTen
        XCTAssertEqual(forOne, 4, "one statement each for relations, columns, constraints and statistics on a pooled connection")
        _ = try introspector.catalog(ten)
        XCTAssertEqual(introspector.statementsSent - afterTen - forOne, forOne)
    }

    func testAnUnreachableDatabaseIsABusinessDatabaseFailureWithoutThePassword() throws {
        let unreachable = PostgresSchemaIntrospector(
            connectionURL: "postgresql://someone:Sup3rSecret@/nodb?host=/tmp/dp-no-such-dir&port=1&connect_timeout=2"
        )
        XCTAssertThrowsError(try unreachable.catalog(names("customer"))) { error in
            guard case PipelineError.businessDatabaseFailure(let reason) = error else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertFalse(reason.isEmpty)
            XCTAssertFalse(reason.contains("Sup3rSecret"))
            XCTAssertFalse(reason.contains("\n"))
        }
    }
}
