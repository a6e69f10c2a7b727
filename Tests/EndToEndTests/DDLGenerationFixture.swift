import Foundation

/// The business databases the execution and ddl_generation tests run against, as SQL (FORMATS.md §1, §2 cases).
enum DDLGenerationFixture {
    /// Rows of `public.big_events` in the full fixture: enough that reading it whole would show in the statistics.
    static let bigTableRows = 1_000_000

    /// Many schemas and awkward names: a large table, a partitioned table, a view, an enum type, jsonb / array /
    /// bytea / inet columns, an empty table, an all-NULL column, mixed-case, Chinese and reserved-word identifiers,
    /// `orders` in two schemas (plus `public.ods__orders`, whose natural file name is that of `ods.orders`) and a
    /// table with comments of its own. `bigRows` = 0 leaves the large table empty (fast to create).
    static func statements(bigRows: Int) -> [String] {
        [
            "CREATE SCHEMA ods",
            "CREATE TYPE public.order_state AS ENUM ('created', 'paid', 'shipped')",
            """
            CREATE TABLE public.big_events (
                id bigint PRIMARY KEY, kind varchar(16) NOT NULL, amount numeric(19,4),
                created_at timestamptz NOT NULL DEFAULT now())
            """,
            """
            INSERT INTO public.big_events
            SELECT g, (ARRAY['click', 'view', 'buy'])[1 + g % 3], g * 0.01, timestamptz '2024-01-01' + g * interval '1 second'
            FROM generate_series(1, \(bigRows)) g
            """,
            """
            CREATE TABLE public.sales (id bigint NOT NULL, sold_on date NOT NULL, amount numeric(12,2),
                                       PRIMARY KEY (id, sold_on)) PARTITION BY RANGE (sold_on)
            """,
            "CREATE TABLE public.sales_2024 PARTITION OF public.sales FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
            "CREATE TABLE public.sales_2025 PARTITION OF public.sales FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
            "INSERT INTO public.sales VALUES (1, '2024-03-01', 10.50), (2, '2025-02-01', 20), (3, '2025-03-01', 7.25)",
            """
            CREATE TABLE public.orders (
                id varchar(32) PRIMARY KEY, state public.order_state NOT NULL DEFAULT 'created',
                total numeric(19,4) NOT NULL DEFAULT 0, tags text[], attrs jsonb, client_ip inet, receipt bytea,
                paid_at timestamptz, note text)
            """,
            "COMMENT ON TABLE public.orders IS '订单表，记录每一笔订单的状态与金额。'",
            "COMMENT ON COLUMN public.orders.id IS '订单编号'",
            "COMMENT ON COLUMN public.orders.state IS '订单状态'",
            "COMMENT ON COLUMN public.orders.total IS '订单总额（元）'",
            "COMMENT ON COLUMN public.orders.tags IS '订单标签'",
            "COMMENT ON COLUMN public.orders.attrs IS '扩展属性'",
            "COMMENT ON COLUMN public.orders.client_ip IS '下单IP'",
            "COMMENT ON COLUMN public.orders.receipt IS '电子回执'",
            "COMMENT ON COLUMN public.orders.paid_at IS '支付时间'",
            "COMMENT ON COLUMN public.orders.note IS '备注'",
            """
            INSERT INTO public.orders
            SELECT 'ord' || lpad(g::text, 5, '0'), (ARRAY['created', 'paid', 'shipped'])[1 + g % 3]::public.order_state,
                   g * 1.25, ARRAY['tag' || (g % 2), 'vip'], jsonb_build_object('k', g), ('10.0.0.' || g)::inet,
                   '\\xdeadbeef'::bytea, timestamptz '2024-05-01 08:00:00+00' + g * interval '1 hour', 'note ' || g
            FROM generate_series(1, 30) g
            """,
            """
            CREATE VIEW public.order_totals AS
            SELECT state, count(*) AS order_count, sum(total) AS total_amount FROM public.orders GROUP BY state
            """,
            "CREATE TABLE ods.orders (order_id bigint PRIMARY KEY, raw jsonb, loaded_at timestamp)",
            "INSERT INTO ods.orders SELECT g, jsonb_build_object('n', g), timestamp '2024-01-01' + g * interval '1 day' FROM generate_series(1, 5) g",
            "CREATE TABLE public.ods__orders (id integer PRIMARY KEY, source varchar(20))",
            "CREATE TABLE public.empty_table (id integer PRIMARY KEY, name varchar(50))",
            "CREATE TABLE public.nullable_things (id integer PRIMARY KEY, never_set text)",
            "INSERT INTO public.nullable_things SELECT g, NULL FROM generate_series(1, 10) g",
            #"CREATE TABLE public."MemberPoints" ("MemberId" integer PRIMARY KEY, "Points" integer NOT NULL)"#,
            #"INSERT INTO public."MemberPoints" VALUES (1, 100), (2, 250)"#,
            #"CREATE TABLE public."门店评价" ("评价编号" integer PRIMARY KEY, "评分" smallint, "内容" text)"#,
            #"INSERT INTO public."门店评价" VALUES (1, 5, '很好'), (2, 3, '一般')"#,
            #"CREATE TABLE public.reserved_words ("user" varchar(32), "order" integer, "select" text, "from" date)"#,
            #"INSERT INTO public.reserved_words VALUES ('alice', 1, 'x', '2024-01-01')"#,
            "ANALYZE",
        ]
    }

    /// The table list of the full fixture, in this order (so `public.ods__orders` comes after `ods.orders` and gets
    /// the `_2` name), with one table that does not exist.
    static let tableList = [
        "big_events", "sales", "orders", "ods.orders", "public.ods__orders", "order_totals", "empty_table",
        "nullable_things", #""MemberPoints""#, #"public."门店评价""#, "reserved_words", "no_such_table",
    ]
    static let missingTable = "no_such_table"

    /// Number of slow views in the slow fixture.
    static let slowViewCount = 12

    /// A small table and `slowViewCount` views whose every read sleeps: each view returns 10 rows and waits 0.3 s
    /// per row in its WHERE clause (always evaluated, whatever the query reads), so each sampling statement of
    /// ddl_generation takes ~3 s, under its 5 s statement timeout. A run over all of them lasts long enough to be
    /// interrupted.
    static func slowStatements() -> [String] {
        var statements = [
            """
            CREATE FUNCTION public.e2e_slow_row() RETURNS boolean LANGUAGE plpgsql VOLATILE
            AS $$ BEGIN PERFORM pg_sleep(0.3); RETURN true; END $$
            """,
            "CREATE TABLE public.quick_table (id integer PRIMARY KEY, label varchar(20))",
            "INSERT INTO public.quick_table VALUES (1, 'one'), (2, 'two')",
        ]
        for index in 1...slowViewCount {
            statements.append("""
                CREATE VIEW public.slow_\(index) AS
                SELECT n, 'label ' || (n % 3) AS label FROM generate_series(1, 10) n WHERE public.e2e_slow_row()
                """)
        }
        statements.append("ANALYZE")
        return statements
    }

    /// Every slow view, plus the quick table.
    static var slowTableList: [String] { ["quick_table"] + (1...slowViewCount).map { "slow_\($0)" } }
}
