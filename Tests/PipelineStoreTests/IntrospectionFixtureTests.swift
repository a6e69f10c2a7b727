import PipelineCore
import PipelineProviders
import Postgres
import TestSupport
import XCTest

/// Base of the introspection tests: a throw-away business database built from `IntrospectionFixture`, and an
/// introspector on it. Holds no tests itself.
class IntrospectionTestCase: XCTestCase {
    var database: TestDatabase!
    var introspector: PostgresSchemaIntrospector!

    override func setUpWithError() throws {
        database = try TestDatabase(prefix: "dp_intro")
        let connection = try database.connect()
        for statement in IntrospectionFixture.statements {
            try connection.execute(PostgresQuery(unsafeSQL: statement))
        }
        introspector = PostgresSchemaIntrospector(connectionURL: database.url, maxConnections: 2)
    }

    override func tearDown() {
        introspector = nil
        database?.drop()
    }

    /// Parses table-list names (the test's own literals, so a bad one is a test bug).
    func names(_ list: String...) -> [TableName] {
        list.map { TableName($0)! }
    }

    /// The catalog description of one listed name.
    func describe(_ name: String) throws -> TableDescription {
        try XCTUnwrap(introspector.catalog(names(name)).tables.first, "\(name) not found")
    }

    /// The sampled description of one listed name.
    func sampled(_ name: String, options: IntrospectionOptions = IntrospectionOptions()) throws -> TableDescription {
        try introspector.sample(describe(name), options: options)
    }
}

extension TableDescription {
    /// The named column; fails the test when there is none.
    func column(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> ColumnDescription {
        try XCTUnwrap(columns.first { $0.name == name }, "no column \(name) in \(reference)", file: file, line: line)
    }
}

/// The business database of the introspection tests: two schemas, the awkward names, every type family, keys,
/// comments, a partitioned table, views, an enum type, personal data and statistics for one table.
enum IntrospectionFixture {
    static let statements: [String] = [
        "CREATE SCHEMA ods",
        "CREATE TYPE order_state AS ENUM ('created', 'paid', 'shipped', 'cancelled')",
        """
        CREATE TABLE customer (
            id serial PRIMARY KEY,
            name varchar(64) NOT NULL,
            phone varchar(20),
            contact text,
            source varchar(16) DEFAULT 'x'::varchar,
            bio text,
            region char(2),
            created_at timestamptz NOT NULL DEFAULT now()
        )
        """,
        "COMMENT ON TABLE customer IS '客户表，存储客户基本信息'",
        "COMMENT ON COLUMN customer.name IS '客户名称'",
        """
        INSERT INTO customer (name, phone, contact, bio, region)
        SELECT 'name' || g, '1380013' || lpad(g::text, 4, '0'), 'user' || g || '@example.com',
               repeat('很长的个人简介', 10) || g, 'R' || (g % 5)
        FROM generate_series(1, 30) g
        """,
        #"""
        CREATE TABLE orders (
            order_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            customer_id integer NOT NULL REFERENCES customer (id),
            status varchar(16) NOT NULL DEFAULT 'new',
            state order_state NOT NULL DEFAULT 'created',
            amount numeric(19,4) NOT NULL DEFAULT 0,
            quantity numeric(10,0),
            tags text[],
            codes varchar(20)[],
            attributes jsonb,
            raw_body json,
            ref_uuid uuid,
            client_ip inet,
            attachment bytea,
            "order" integer,
            "user" text,
            "say ""hi""" text,
            weight real,
            ratio double precision,
            ordered_on date,
            ordered_at timestamp,
            opens_at time,
            opens_tz timetz,
            is_paid boolean DEFAULT false,
            discarded text,
            line_count smallint DEFAULT -1,
            updated_at timestamp(3) DEFAULT CURRENT_TIMESTAMP
        )
        """#,
        "COMMENT ON COLUMN orders.status IS '订单状态'",
        #"""
        INSERT INTO orders (customer_id, status, state, amount, quantity, tags, codes, attributes, raw_body, ref_uuid,
                            client_ip, attachment, "order", "user", "say ""hi""", weight, ratio, ordered_on, ordered_at,
                            opens_at, opens_tz)
        SELECT 1 + g % 30, (ARRAY['new', 'paid', 'shipped'])[1 + g % 3], (ARRAY['created', 'paid'])[1 + g % 2]::order_state,
               g * 1.5, g, ARRAY['a', 'b'], ARRAY['c' || g], jsonb_build_object('k', g), '{"v": 1}', md5(g::text)::uuid,
               ('10.0.0.' || g)::inet, '\xdeadbeef', g, 'u' || g, 'hi ' || g, g / 2.0, g / 3.0,
               date '2024-01-01' + g, timestamp '2024-01-01 08:00' + g * interval '1 hour', time '08:30',
               timetz '08:30+08'
        FROM generate_series(1, 60) g
        """#,
        "ANALYZE orders",
        "CREATE TABLE ods.orders (id integer PRIMARY KEY, region text)",
        "COMMENT ON TABLE ods.orders IS 'ODS 订单'",
        """
        CREATE TABLE order_item (
            order_id bigint NOT NULL REFERENCES orders (order_id),
            line_no integer NOT NULL,
            product_code varchar(32),
            PRIMARY KEY (line_no, order_id)
        )
        """,
        """
        CREATE TABLE shipment (
            id integer GENERATED BY DEFAULT AS IDENTITY,
            order_id bigint,
            line_no integer,
            carrier text,
            FOREIGN KEY (order_id, line_no) REFERENCES order_item (order_id, line_no)
        )
        """,
        "CREATE TABLE event_log (id bigint, happened_on date NOT NULL, kind text) PARTITION BY RANGE (happened_on)",
        "CREATE TABLE event_log_2024 PARTITION OF event_log FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
        "CREATE TABLE event_log_2025 PARTITION OF event_log FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
        "INSERT INTO event_log VALUES (1, '2024-05-01', 'login'), (2, '2025-05-01', 'logout')",
        "CREATE VIEW paid_orders AS SELECT order_id, amount FROM orders WHERE status = 'paid'",
        "COMMENT ON VIEW paid_orders IS '已支付订单'",
        "CREATE MATERIALIZED VIEW order_totals AS SELECT customer_id, sum(amount) AS total FROM orders GROUP BY 1",
        "CREATE TABLE \"MemberPoints\" (\"MemberId\" integer, \"Points\" integer)",
        "CREATE TABLE 门店评价 (评价编号 serial PRIMARY KEY, 门店名称 text, 评分 smallint)",
        "COMMENT ON TABLE 门店评价 IS '门店评价表'",
        "CREATE TABLE empty_thing (id integer, label text)",
        // Never analyzed (and kept so: fewer rows than autovacuum's threshold, and autovacuum off for it).
        "CREATE TABLE ticket (id serial PRIMARY KEY, priority text, subject text) WITH (autovacuum_enabled = off)",
        """
        INSERT INTO ticket (priority, subject)
        SELECT (ARRAY['low', 'high'])[1 + g % 2], 'subject number ' || g FROM generate_series(1, 40) g
        """,
        // Every row sleeps: reading it outlasts a short statement_timeout.
        "CREATE VIEW slow_view AS SELECT g AS n, pg_sleep(0.2)::text AS label FROM generate_series(1, 5) g",
    ]
}
