import Foundation
import PipelineCore
import PipelineProviders
import Postgres
import TestSupport
import XCTest

/// `PostgresSchemaIntrospector.sample` against a real PostgreSQL.
final class IntrospectionSamplingTests: IntrospectionTestCase {
    func testSamplesAreDistinctBoundedAndCutTo50Characters() throws {
        var options = IntrospectionOptions()
        options.samplesPerColumn = 2
        let customer = try sampled("customer", options: options)
        for column in customer.columns {
            XCTAssertLessThanOrEqual(column.samples.count, 2, column.name)
            XCTAssertEqual(Set(column.samples).count, column.samples.count, column.name)
            XCTAssertTrue(column.samples.allSatisfy { $0.count <= 50 }, column.name)
        }
        XCTAssertEqual(try customer.column("name").samples.count, 2)
        XCTAssertEqual(try customer.column("bio").samples.first?.count, 50)
    }

    func testEveryReadableTypeIsSampledAsText() throws {
        let orders = try sampled("orders")
        XCTAssertEqual(try orders.column("tags").samples, ["{a,b}"])
        XCTAssertEqual(try orders.column("is_paid").samples, ["false"])
        XCTAssertFalse(try orders.column("ref_uuid").samples.isEmpty)
        XCTAssertFalse(try orders.column("client_ip").samples.isEmpty)
        XCTAssertFalse(try orders.column("say \"hi\"").samples.isEmpty)
        XCTAssertFalse(try orders.column("order").samples.isEmpty)
    }

    func testBinaryColumnsGetNoSamples() throws {
        let orders = try sampled("orders")
        XCTAssertEqual(try orders.column("attachment").samples, [])
        XCTAssertNil(try orders.column("attachment").enumValues)
    }

    func testAnAllNullColumnHasNoSamplesAndNoEnum() throws {
        let orders = try sampled("orders")
        XCTAssertEqual(try orders.column("discarded").samples, [])
        XCTAssertNil(try orders.column("discarded").enumValues)
    }

    func testSensitiveColumnsByNameAndByValueHaveNoSamplesNorEnumValues() throws {
        let customer = try sampled("customer")
        let phone = try customer.column("phone")
        XCTAssertTrue(phone.isSensitive)
        XCTAssertEqual(phone.samples, [])
        XCTAssertNil(phone.enumValues)
        let contact = try customer.column("contact")
        XCTAssertTrue(contact.isSensitive, "e-mail values")
        XCTAssertEqual(contact.samples, [])
        XCTAssertNil(contact.enumValues)
        XCTAssertFalse(try customer.column("name").isSensitive)
    }

    func testKeysThatLookLikeCardNumbersAreNotSensitive() throws {
        let connection = try database.connect()
        try connection.execute(.init("CREATE TABLE snowflake (id bigint PRIMARY KEY, card_holder text)"))
        try connection.execute(.init("INSERT INTO snowflake VALUES (1234567890123456789, 'Li'), (1234567890123456790, 'Wang')"))
        let table = try sampled("snowflake")
        XCTAssertFalse(try table.column("id").isSensitive)
        XCTAssertEqual(try table.column("id").samples, ["1234567890123456789", "1234567890123456790"])
    }

    func testAFewRepeatedPersonalValuesAreNoEnumEither() throws {
        let connection = try database.connect()
        try connection.execute(.init("CREATE TABLE desk (contact text)"))
        try connection.execute(.init("INSERT INTO desk SELECT 'desk' || (g % 2) || '@example.com' FROM generate_series(1, 20) g"))
        let desk = try sampled("desk")
        XCTAssertTrue(try desk.column("contact").isSensitive)
        XCTAssertNil(try desk.column("contact").enumValues)
    }

    func testEnumIsDetectedFromStatisticsMostFrequentFirst() throws {
        let connection = try database.connect()
        try connection.execute(.init("UPDATE orders SET status = 'new' WHERE order_id <= 10"))
        try connection.execute(.init("ANALYZE orders"))
        let status = try sampled("orders").column("status")
        XCTAssertEqual(status.enumValues?.first, "new")
        XCTAssertEqual(Set(status.enumValues ?? []), ["new", "paid", "shipped"])
    }

    func testAnEnumTypeColumnGetsAllItsLabelsInDeclaredOrder() throws {
        let state = try sampled("orders").column("state")
        XCTAssertEqual(state.enumValues, ["created", "paid", "shipped", "cancelled"])
    }

    func testWithoutStatisticsEnumsComeFromABoundedProbe() throws {
        let ticket = try sampled("ticket")
        XCTAssertEqual(ticket.estimatedRows, 40, "exact count of a small table")
        XCTAssertEqual(Set(try ticket.column("priority").enumValues ?? []), ["low", "high"])
        XCTAssertNil(try ticket.column("subject").enumValues, "40 distinct values")
    }

    func testIdsKeysTimestampsDecimalsAndUniqueTextAreNotEnums() throws {
        let orders = try sampled("orders")
        for name in ["order_id", "customer_id", "amount", "ordered_at", "ordered_on", "user", "order", "is_paid", "tags"] {
            XCTAssertNil(try orders.column(name).enumValues, name)
        }
        XCTAssertNil(try sampled("order_item").column("line_no").enumValues, "primary-key column")
    }

    func testSmallTablesGetAnExactRowCount() throws {
        XCTAssertEqual(try sampled("customer").estimatedRows, 30)
        XCTAssertEqual(try sampled("paid_orders").estimatedRows, 20)
        XCTAssertEqual(try sampled("event_log").estimatedRows, 2)
    }

    func testAnEmptyTableIsDocumentedWithoutSamples() throws {
        let empty = try sampled("empty_thing")
        XCTAssertEqual(empty.estimatedRows, 0)
        XCTAssertEqual(empty.columns.map(\.samples), [[], []])
        XCTAssertEqual(empty.columns.map(\.enumValues), [nil, nil])
    }

    func testQuotedAndChineseTablesAreSampled() throws {
        let connection = try database.connect()
        try connection.execute(.init("INSERT INTO \"MemberPoints\" VALUES (1, 10), (2, 20)"))
        try connection.execute(.init("INSERT INTO 门店评价 (门店名称, 评分) VALUES ('东门店', 5), ('西门店', 4)"))
        XCTAssertEqual(try sampled("\"MemberPoints\"").column("Points").samples, ["10", "20"])
        XCTAssertEqual(try sampled("\"门店评价\"").column("门店名称").samples, ["东门店", "西门店"])
    }

    func testATimeoutKeepsTheTableDocumentedWithoutSamples() throws {
        var options = IntrospectionOptions()
        options.statementTimeoutMilliseconds = 100
        let slow = try sampled("slow_view", options: options)
        XCTAssertEqual(slow.columns.map(\.name), ["n", "label"])
        XCTAssertEqual(slow.columns.flatMap(\.samples), [])
        XCTAssertNil(slow.estimatedRows)
        // The connection is still fine for the next table.
        XCTAssertEqual(try sampled("customer").estimatedRows, 30)
    }

    func testAPermissionErrorKeepsTheTableDocumentedWithoutSamples() throws {
        let role = "dp_intro_reader_\(UInt32.random(in: 0...UInt32.max))"
        let connection = try database.connect()
        // The test cluster's socket asks every role but the admin for a password (scripts/stack.sh).
        let password = "pw\(UInt32.random(in: 0...UInt32.max))"
        try connection.execute(PostgresQuery(unsafeSQL: "CREATE ROLE \(role) LOGIN PASSWORD '\(password)'"))
        let adminURL = try TestEnvironment.require("DP_TEST_ADMIN_DATABASE_URL")
        addTeardownBlock { [database] in
            // Roles are cluster-wide: drop the database (and with it the grants), then the role.
            database?.drop()
            let admin = try? PostgresConnection(url: adminURL)
            _ = try? admin?.execute(PostgresQuery(unsafeSQL: "DROP ROLE IF EXISTS \(role)"))
        }
        try connection.execute(PostgresQuery(unsafeSQL: "GRANT SELECT ON customer TO \(role)"))
        let limited = PostgresSchemaIntrospector(connectionURL: database.url + "&user=\(role)&password=\(password)")
        let snapshot = try limited.catalog(names("orders", "customer"))
        XCTAssertEqual(snapshot.tables.count, 2, "the catalog is readable without table privileges")

        let orders = try limited.sample(snapshot.tables[0], options: IntrospectionOptions())
        XCTAssertEqual(orders.columns.count, snapshot.tables[0].columns.count)
        XCTAssertEqual(orders.columns.flatMap(\.samples), [])
        XCTAssertEqual(orders.estimatedRows, 60, "the estimate stays")
        XCTAssertEqual(try orders.column("state").enumValues, ["created", "paid", "shipped", "cancelled"])
        let customer = try limited.sample(snapshot.tables[1], options: IntrospectionOptions())
        XCTAssertFalse(try customer.column("name").samples.isEmpty)
    }

    func testSamplingLeavesNoTransactionOpen() throws {
        let before = introspector.statementsSent
        _ = try sampled("customer")
        let sent = introspector.statementsSent - before
        // catalog (connect + 4: relations, columns, constraints, statistics), then count + samples in one read and
        // the enum probe of columns without statistics.
        XCTAssertLessThanOrEqual(sent, 5 + 2)
        let connection = try database.connect()
        let open = try connection.query(.init("""
            SELECT count(*) AS n FROM pg_stat_activity
            WHERE application_name = 'dp-introspection' AND datname = current_database() AND state <> 'idle'
            """)).first?.int("n")
        XCTAssertEqual(open, 0, "no transaction left open")
    }

    func testSeveralThreadsCanSampleThroughTheBoundedPool() throws {
        let snapshot = try introspector.catalog(names("customer", "orders", "ticket", "order_item", "event_log", "empty_thing"))
        let introspector = self.introspector!
        let results = ConcurrentResults<TableDescription>()
        DispatchQueue.concurrentPerform(iterations: snapshot.tables.count) { index in
            results.append(Result { try introspector.sample(snapshot.tables[index], options: IntrospectionOptions()) })
        }
        let tables = try results.values.map { try $0.get() }
        XCTAssertEqual(Set(tables.map(\.reference.name)), Set(snapshot.tables.map(\.reference.name)))
        let connection = try database.connect()
        let sessions = try connection.query(.init(
            "SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'dp-introspection' AND datname = current_database()"
        )).first?.int("n")
        XCTAssertLessThanOrEqual(sessions ?? 0, 2, "maxConnections")
    }
}
