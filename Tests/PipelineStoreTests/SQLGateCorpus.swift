/// Hand-written statements for the gate corpus (issue 22): the old token gate's cases, the hostile-client list,
/// and valid SQL that only a real parser reads right, each with its verdict and references. `SQLGateCorpusTests`
/// (PipelineStoreTests) adds every pair the built-in writer makes on the two sample databases and hostile
/// variants of each.
struct SQLCorpusCase {
    enum Verdict: Equatable {
        case accepted
        /// The reason starts with this text.
        case refused(String)
    }

    let sql: String
    let verdict: Verdict
    /// Relations of `FROM` clauses (`schema.name` or `name`, CTE references included), in any order.
    let tables: [String]
    /// Column references: `qualifier.column` or `column`, as often as they occur, in any order.
    let columns: [String]

    init(_ sql: String, _ verdict: Verdict = .accepted, tables: [String] = [], columns: [String] = []) {
        self.sql = sql
        self.verdict = verdict
        self.tables = tables
        self.columns = columns
    }
}

enum SQLGateCorpus {
    static let notSelect = "只允许SELECT查询语句"
    static let modifying = "不允许数据修改或DDL语句"
    static let sideEffect = "不允许调用有副作用的函数"
    static let lock = "不允许加锁查询(FOR UPDATE/SHARE)"
    static let syntax = "SQL语法错误: syntax error"
    static let oneStatement = "只允许单条SQL语句"
    static let catalog = "不允许查询系统表"

    static let cases: [SQLCorpusCase] = accepted + tricky + refused + hostile

    static let accepted: [SQLCorpusCase] = [
        .init("SELECT 1"),
        .init("select id, name from customer where id = 3 order by name limit 10", tables: ["customer"], columns: ["id", "name", "id", "name"]),
        .init("WITH t AS (SELECT id FROM customer) SELECT * FROM t", tables: ["customer", "t"], columns: ["id"]),
        .init("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5), s AS MATERIALIZED (SELECT n FROM r) SELECT sum(n) FROM s",
              tables: ["r", "r", "s"], columns: ["n", "n", "n", "n"]),
        .init("SELECT * FROM (SELECT id FROM (SELECT id FROM t WHERE x IN (SELECT y FROM u)) a) b", tables: ["t", "u"], columns: ["id", "id", "x", "y"]),
        .init("(SELECT 1) UNION (SELECT 2) ORDER BY 1"),
        .init("((SELECT 1))"),
        .init("SELECT v.x FROM (VALUES (1), (2)) AS v(x)", columns: ["v.x"]),
        .init(#"SELECT "update", "delete", "Drop" FROM t WHERE "into" > 1"#, tables: ["t"], columns: ["update", "delete", "Drop", "into"]),
        .init(#"SELECT 1 AS "x"";DELETE""#),
        .init("SELECT 'DROP TABLE x; --' AS s"),
        .init("SELECT 'it''s; DELETE FROM t' FROM t", tables: ["t"]),
        .init(#"SELECT E'it\'s; DELETE FROM t' FROM t"#, tables: ["t"]),
        .init(#"SELECT U&'\0041; DROP' , N'; INSERT', X'1F', B'101'"#),
        .init("SELECT $$a; DROP TABLE t; b$$"),
        .init("SELECT $fn$ DELETE FROM t; $$ still inside $fn$ AS s"),
        .init("SELECT 1 -- ; DROP TABLE x\nFROM t", tables: ["t"]),
        .init("/* ; DELETE FROM t */ SELECT 1"),
        .init("SELECT /* outer /* nested ; DROP */ still comment ; */ 1"),
        .init("SELECT 1;"),
        .init("SELECT 1 ;  \n -- done\n"),
        .init("SELECT sum(amount) AS 总营收, count(*) AS 订单数 FROM orders", tables: ["orders"], columns: ["amount"]),
        .init("SELECT updated_at, created_by, deleted, drop_count, into_x, do_flag FROM t", tables: ["t"],
              columns: ["updated_at", "created_by", "deleted", "drop_count", "into_x", "do_flag"]),
        .init("SELECT substring(name FROM 1 FOR 3) FROM t ORDER BY name", tables: ["t"], columns: ["name", "name"]),
        .init("SELECT * FROM t FOR READ ONLY", tables: ["t"]),
        .init("SELECT dblink, pg_read_file FROM t", tables: ["t"], columns: ["dblink", "pg_read_file"]),
        .init("SELECT 1 -- harmless\rDELETE FROM t", tables: ["t"]),
        .init("SELECT 1;;"),
    ]

    static let tricky: [SQLCorpusCase] = [
        .init("SELECT copy, call, merge FROM t", tables: ["t"], columns: ["copy", "call", "merge"]),
        .init("SELECT count(*) FILTER (WHERE paid) AS 已付, percentile_cont(0.5) WITHIN GROUP (ORDER BY amount) FROM orders",
              tables: ["orders"], columns: ["paid", "amount"]),
        .init("SELECT region, product, sum(amount) FROM sales GROUP BY GROUPING SETS ((region), (product), ())",
              tables: ["sales"], columns: ["region", "product", "amount", "region", "product"]),
        .init("SELECT region, sum(amount) FROM sales GROUP BY ROLLUP (region)", tables: ["sales"], columns: ["region", "amount", "region"]),
        .init("SELECT region, product, sum(amount) FROM sales GROUP BY CUBE (region, product)", tables: ["sales"],
              columns: ["region", "product", "amount", "region", "product"]),
        .init("SELECT c.id, l.total FROM customer c CROSS JOIN LATERAL (SELECT sum(amount) AS total FROM orders o WHERE o.customer_id = c.id) l",
              tables: ["customer", "orders"], columns: ["c.id", "l.total", "amount", "o.customer_id", "c.id"]),
        .init("SELECT 1 /* a /* nested */ still */ + 1 AS 二"),
        .init("SELECT (amount OPERATOR(pg_catalog.+) 1)::numeric(12, 2) FROM orders", tables: ["orders"], columns: ["amount"]),
        .init("SELECT id, sum(amount) OVER (PARTITION BY region ORDER BY day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS 七日 FROM sales",
              tables: ["sales"], columns: ["id", "amount", "region", "day"]),
        .init("SELECT day, avg(amount) OVER (ORDER BY day RANGE BETWEEN INTERVAL '7 days' PRECEDING AND CURRENT ROW EXCLUDE CURRENT ROW) FROM sales",
              tables: ["sales"], columns: ["day", "amount", "day"]),
        .init("SELECT rank() OVER w, dense_rank() OVER w FROM sales WINDOW w AS (PARTITION BY region ORDER BY amount DESC)",
              tables: ["sales"], columns: ["region", "amount"]),
        .init("SELECT $tag$ it's; DROP $tag$ AS s, $$$$ AS empty"),
        .init(#"SELECT "订单"."金额" AS "金额（元）" FROM "销售"."订单" WHERE "订单"."状态" = '已支付'"#,
              tables: ["销售.订单"], columns: ["订单.金额", "订单.状态"]),
        .init(#"SELECT o."Amount", O."Id" FROM "Orders" o"#, tables: ["Orders"], columns: ["o.Amount", "o.Id"]),
        .init("SELECT s.t.c FROM s.t", tables: ["s.t"], columns: ["s.t.c"]),
        .init("SELECT t.* FROM t", tables: ["t"], columns: ["t.*"]),
        .init("SELECT EXTRACT(YEAR FROM created_at) AS 年, date_part('month', created_at) FROM orders", tables: ["orders"],
              columns: ["created_at", "created_at"]),
        .init("SELECT CASE WHEN amount > 100 THEN '大' ELSE '小' END 档位 FROM orders", tables: ["orders"], columns: ["amount"]),
        .init("SELECT amount::text, CAST(amount AS bigint), amount::numeric(10,2) FROM orders", tables: ["orders"],
              columns: ["amount", "amount", "amount"]),
        .init("SELECT name COLLATE \"C\" FROM customer ORDER BY name COLLATE \"C\"", tables: ["customer"], columns: ["name", "name"]),
        .init("SELECT make_interval(days => 3), now() - interval '1 day'"),
        .init("SELECT a IS DISTINCT FROM b, a IS NOT DISTINCT FROM b FROM t", tables: ["t"], columns: ["a", "b", "a", "b"]),
        .init("SELECT * FROM t WHERE x = ANY (ARRAY[1, 2, 3]) AND y BETWEEN SYMMETRIC 1 AND 5", tables: ["t"], columns: ["x", "y"]),
        .init("SELECT * FROM t WHERE name ILIKE '%服务区%' OR name SIMILAR TO '%(a|b)%' OR name ~* '^x'", tables: ["t"],
              columns: ["name", "name", "name"]),
        .init("SELECT coalesce(a, 0), nullif(b, 0), greatest(a, b), least(a, b) FROM t", tables: ["t"],
              columns: ["a", "b", "a", "b", "a", "b"]),
        .init("SELECT EXISTS (SELECT 1 FROM u WHERE u.t_id = t.id) FROM t", tables: ["u", "t"], columns: ["u.t_id", "t.id"]),
        .init("SELECT g.n FROM generate_series(1, 10) AS g(n)", columns: ["g.n"]),
        .init("SELECT * FROM unnest(ARRAY['a', 'b']) WITH ORDINALITY AS x(v, i)"),
        .init("SELECT id FROM t ORDER BY id NULLS LAST OFFSET 5 ROWS FETCH FIRST 10 ROWS ONLY", tables: ["t"], columns: ["id", "id"]),
        .init("SELECT id FROM t ORDER BY id FETCH FIRST 3 ROWS WITH TIES", tables: ["t"], columns: ["id", "id"]),
        .init("SELECT DISTINCT ON (region) region, amount FROM sales ORDER BY region, amount DESC", tables: ["sales"],
              columns: ["region", "region", "amount", "region", "amount"]),
        .init("SELECT 1 FROM a NATURAL JOIN b JOIN c USING (id) FULL OUTER JOIN d ON d.x = c.x", tables: ["a", "b", "c", "d"],
              columns: ["d.x", "c.x"]),
        .init("SELECT json_agg(t) FROM t", tables: ["t"], columns: ["t"]),
        .init("SELECT payload->>'k', payload #> '{a,b}', tags @> ARRAY['x'] FROM events", tables: ["events"],
              columns: ["payload", "payload", "tags"]),
        .init("SELECT string_agg(name, '、' ORDER BY name) FROM customer", tables: ["customer"], columns: ["name", "name"]),
        .init("SELECT array_agg(DISTINCT city) FROM customer", tables: ["customer"], columns: ["city"]),
        .init("SELECT x FROM t1 INTERSECT SELECT x FROM t2 EXCEPT SELECT x FROM t3", tables: ["t1", "t2", "t3"], columns: ["x", "x", "x"]),
        .init("SELECT 'a' || 'b', 1 + 2 * 3 % 4, 2 ^ 3, |/ 16"),
        .init("SELECT current_date, current_timestamp, localtime, current_user, session_user"),
        .init("SELECT date_trunc('month', o.created_at) AS 月份, sum(o.amount) AS 金额 FROM ods.orders o GROUP BY 1 ORDER BY 1",
              tables: ["ods.orders"], columns: ["o.created_at", "o.amount"]),
        .init("SELECT * FROM ods.pg_like_business_table", tables: ["ods.pg_like_business_table"]),
        .init("SELECT count(*) FROM only t", tables: ["t"]),
        .init("SELECT * FROM t TABLESAMPLE SYSTEM (1)", tables: ["t"]),
        .init("SELECT xmlelement(name foo, 'bar')"),
        .init("SELECT ROW(1, 2) = ROW(1, 2), (1, 'a')"),
        .init("SELECT 1 WHERE 1 = ALL (SELECT 1) AND 2 > SOME (SELECT 1)"),
    ]

    static let refused: [SQLCorpusCase] = [
        .init("SELECT 1; DROP TABLE x", .refused(oneStatement)),
        .init("COMMIT; INSERT INTO t VALUES (1)", .refused(oneStatement)),
        .init("SELECT 1 -- harmless\r; DELETE FROM t", .refused(oneStatement)),
        .init(#"SELECT 'a\'; DELETE FROM t --'"#, .refused(oneStatement)),
        .init(#"SELECT E'\\'; DELETE FROM t; --'"#, .refused(oneStatement)),
        .init("SELECT $a$ x $b$ y $a$; DELETE FROM t", .refused(oneStatement)),
        .init("EXPLAIN ANALYZE DELETE FROM t", .refused("\(notSelect)（发现: EXPLAIN）")),
        .init("COMMIT", .refused("\(notSelect)（发现: COMMIT）")),
        .init("insert into t values (1)", .refused("\(notSelect)（发现: INSERT）")),
        .init("UPDATE t SET a = 1", .refused("\(notSelect)（发现: UPDATE）")),
        .init("/* */ DELETE FROM t", .refused("\(notSelect)（发现: DELETE）")),
        .init("SET search_path TO evil", .refused("\(notSelect)（发现: SET）")),
        .init("COPY t TO STDOUT", .refused("\(notSelect)（发现: COPY）")),
        .init("CALL p()", .refused("\(notSelect)（发现: CALL）")),
        .init("DO $$ BEGIN DELETE FROM t; END $$", .refused("\(notSelect)（发现: DO）")),
        .init("TABLE t", .refused("\(notSelect)（发现: TABLE）")),
        .init("VALUES (1, 'a'), (2, 'b')", .refused("\(notSelect)（发现: VALUES）")),
        .init("MERGE INTO t USING s ON true WHEN MATCHED THEN DELETE", .refused("\(notSelect)（发现: MERGE）")),
        .init("CREATE TABLE stolen AS SELECT * FROM customer", .refused("\(notSelect)（发现: CREATE）")),
        .init("TRUNCATE orders", .refused("\(notSelect)（发现: TRUNCATE）")),
        .init("DROP TABLE orders", .refused("\(notSelect)（发现: DROP）")),
        .init("GRANT SELECT ON t TO public", .refused("\(notSelect)（发现: GRANT）")),
        .init("LISTEN x", .refused("\(notSelect)（发现: LISTEN）")),
        .init("PREPARE p AS SELECT 1", .refused("\(notSelect)（发现: PREPARE）")),
        .init("DECLARE c CURSOR FOR SELECT 1", .refused("\(notSelect)（发现: DECLARE）")),
        .init("WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x", .refused("\(notSelect)（发现: INSERT）")),
        .init("WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d", .refused("\(modifying)（发现: DELETE）")),
        .init("WITH u AS (update t set a = 1 RETURNING *) SELECT 1", .refused("\(modifying)（发现: UPDATE）")),
        .init("WITH i AS (INSERT INTO t VALUES (1) RETURNING *) SELECT * FROM i", .refused("\(modifying)（发现: INSERT）")),
        .init("SELECT * FROM (WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d) q", .refused("\(modifying)（发现: DELETE）")),
        .init("SELECT * INTO x FROM t", .refused("不允许SELECT INTO")),
        .init("SELECT * INTO TEMP x FROM t", .refused("不允许SELECT INTO")),
        .init("SELECT * FROM t FOR UPDATE", .refused(lock)),
        .init("SELECT * FROM t FOR NO KEY UPDATE NOWAIT", .refused(lock)),
        .init("SELECT * FROM t for share", .refused(lock)),
        .init("SELECT * FROM t FOR KEY SHARE SKIP LOCKED", .refused(lock)),
        .init("SELECT * FROM (SELECT * FROM t FOR UPDATE OF t) s", .refused(lock)),
        .init("SELECT dblink_exec('dbname=x', 'DELETE FROM t')", .refused("\(sideEffect)（发现: dblink_exec）")),
        .init("SELECT pg_advisory_lock(1)", .refused(sideEffect)),
        .init(#"SELECT "pg_terminate_backend"(1)"#, .refused(sideEffect)),
        .init("SELECT pg_catalog.PG_READ_FILE ('/etc/passwd')", .refused(sideEffect)),
        .init("SELECT * FROM dblink('dbname=x', 'SELECT 1') AS r(a int)", .refused(sideEffect)),
        .init("SELECT query_to_xml('DELETE FROM t', true, true, '')", .refused(sideEffect)),
        .init("SELECT lo_import('/etc/passwd')", .refused(sideEffect)),
        .init("SELECT 'abc", .refused("SQL中有未闭合的字符串")),
        .init(#"SELECT E'abc\'"#, .refused("SQL中有未闭合的字符串")),
        .init(#"SELECT "abc"#, .refused("SQL中有未闭合的双引号标识符")),
        .init("SELECT $$abc$", .refused("SQL中有未闭合的美元符号引用字符串")),
        .init("SELECT 1 /* abc", .refused("SQL中有未闭合的注释")),
        .init("SELECT 1 /* a /* b */", .refused("SQL中有未闭合的注释")),
        .init("", .refused("SQL为空")),
        .init("   \n\t", .refused("SQL为空")),
        .init(";", .refused("SQL为空")),
        .init("-- only a comment", .refused("SQL为空")),
        .init("/* nothing */ ;", .refused("SQL为空")),
        .init("SELECT (1", .refused(syntax)),
        .init("SELECT 1) AS q, (SELECT 2", .refused(syntax)),
        .init("SELECT a[1) FROM t", .refused(syntax)),
        .init("SELECT * FORM t", .refused(syntax)),
        .init("(DELETE FROM t RETURNING *)", .refused(syntax)),
        .init("'SELECT'", .refused(syntax)),
        .init("SELECT 1 FROM t WHERE x = 1 drop y", .refused(syntax)),
        .init("SELECT rolpassword FROM pg_authid", .refused("\(catalog)（发现: pg_authid）")),
        .init("SELECT * FROM pg_catalog.pg_class", .refused("\(catalog)（发现: pg_class）")),
        .init("SELECT table_name FROM information_schema.tables", .refused("\(catalog)（发现: tables）")),
        .init("SELECT * FROM pg_stat_activity", .refused(catalog)),
        .init("SELECT 1\u{0}; DROP TABLE t", .refused("SQL中不能包含空字符")),
    ]

    /// The hostile-client pass of issue 20: each was kept as valid training SQL by the token gate.
    static let hostile: [SQLCorpusCase] = [
        .init("SELECT pg_sleep(30);", .refused("\(sideEffect)（发现: pg_sleep）")),
        .init("SELECT * FROM pg_sleep(30);", .refused("\(sideEffect)（发现: pg_sleep）")),
        .init("SELECT set_config('default_transaction_read_only','off',false);", .refused("\(sideEffect)（发现: set_config）")),
        .init("SELECT pg_notify('x','y');", .refused("\(sideEffect)（发现: pg_notify）")),
        .init("VALUES (1);", .refused("\(notSelect)（发现: VALUES）")),
        .init(#"SELECT "pg_catalog"."pg_sleep"(1)"#, .refused(sideEffect)),
        .init("SELECT x FROM t WHERE pg_sleep_for('1 minute') IS NULL", .refused(sideEffect)),
        .init("SELECT nextval('s')", .refused(sideEffect)),
        .init("SELECT setval('s', 1)", .refused(sideEffect)),
        .init("SELECT pg_advisory_xact_lock(1)", .refused(sideEffect)),
        .init("SELECT (SELECT pg_sleep(1))", .refused(sideEffect)),
        .init("SELECT 1 ORDER BY pg_sleep(1)", .refused(sideEffect)),
        .init("(VALUES (1)) UNION SELECT 2", .refused("\(notSelect)（发现: VALUES）")),
    ]
}
