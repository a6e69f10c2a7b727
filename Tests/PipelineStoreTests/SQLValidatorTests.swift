import Foundation
import PipelineCore
import Postgres
import TestSupport
import XCTest
@testable import PipelineProviders

/// Step 3's validator against a real business database: verdicts with the server's reasons, hostile SQL that
/// never changes the data, timeouts, pooled concurrency, reconnection, and an unreachable database.
final class SQLValidatorTests: XCTestCase {
    private var database: TestDatabase!
    private var validator: PostgresSQLValidator!

    override func setUpWithError() throws {
        database = try TestDatabase(prefix: "dp_sqlval")
        let connection = try database.connect()
        for statement in SQLValidatorFixture.statements {
            try connection.execute(PostgresQuery(unsafeSQL: statement))
        }
        validator = PostgresSQLValidator(connectionURL: database.url, maxConnections: 4, statementTimeoutMilliseconds: 2_000)
    }

    override func tearDown() {
        validator?.close()
        validator = nil
        database?.drop()
    }

    private func assertInvalid(
        _ sql: String, containing expected: String, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let verdict = try validator.validate(sql)
        XCTAssertFalse(verdict.isValid, "valid: \(sql)", file: file, line: line)
        XCTAssertTrue((verdict.error ?? "").contains(expected), "\(sql) → \(verdict.error ?? "nil")", file: file, line: line)
    }

    /// Row counts, an md5 over every row, the sequence, and the tables that exist: what must never change.
    private func fingerprint() throws -> String {
        let connection = try database.connect()
        let row = try XCTUnwrap(connection.query(PostgresQuery("""
            SELECT (SELECT count(*) FROM customer) || '/' || (SELECT count(*) FROM orders) || '/'
                || (SELECT md5(string_agg(c::text, ',' ORDER BY c.id)) FROM customer c) || '/'
                || (SELECT md5(string_agg(o::text, ',' ORDER BY o.id)) FROM orders o) || '/'
                || (SELECT last_value || ':' || is_called FROM order_number) || '/'
                || (SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class
                    WHERE relnamespace = 'public'::regnamespace) AS fingerprint
            """)).first)
        return try row.string("fingerprint")
    }

    /// Backends of the validator's pool on the test database.
    private func validatorBackends() throws -> Int {
        let connection = try database.connect()
        return try XCTUnwrap(connection.query(PostgresQuery(
            "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = 'dp-sql-validation'",
            [database.name]
        )).first).int("n")
    }

    // MARK: - Verdicts

    func testValidSelectIsValid() throws {
        let verdict = try validator.validate("""
            SELECT c.city AS 城市, count(*) AS 订单数, sum(o.amount) AS 总金额
            FROM orders o JOIN customer c ON c.id = o.customer_id
            WHERE o.created_at >= date '2024-01-01' GROUP BY c.city ORDER BY 总金额 DESC LIMIT 10;
            """)
        XCTAssertTrue(verdict.isValid, verdict.error ?? "")
        XCTAssertNil(verdict.error)
        XCTAssertEqual(verdict.retries, 0)
        XCTAssertGreaterThan(verdict.duration, 0)
    }

    func testUnknownColumnIsInvalidWithTheServerMessage() throws {
        try assertInvalid("SELECT nope FROM customer", containing: #"column "nope" does not exist"#)
    }

    func testAmbiguousColumnIsInvalid() throws {
        try assertInvalid("SELECT id FROM customer JOIN orders ON customer.id = orders.customer_id",
                          containing: #"column reference "id" is ambiguous"#)
    }

    func testSyntaxErrorIsInvalid() throws {
        try assertInvalid("SELECT * FRM customer", containing: "syntax error")
    }

    func testUnknownTableIsInvalid() throws {
        try assertInvalid("SELECT * FROM missing_table", containing: #"relation "missing_table" does not exist"#)
    }

    func testHostileTextsAreInvalidAndChangeNothing() throws {
        let before = try fingerprint()
        let hostile = [
            "SELECT 1; DROP TABLE orders",
            "COMMIT; INSERT INTO customer (name, city) VALUES ('x', 'y')",
            "WITH d AS (DELETE FROM orders RETURNING *) SELECT * FROM d",
            "EXPLAIN ANALYZE DELETE FROM orders",
            "SELECT * INTO stolen FROM customer",
            "SELECT * FROM customer FOR UPDATE",
            "UPDATE customer SET city = 'x'",
            "/* */ DELETE FROM orders",
            "SELECT 'unterminated",
            "TRUNCATE orders",
            "DROP TABLE orders",
            "CREATE TABLE stolen AS SELECT * FROM customer",
            "SELECT 1 -- x\r; DELETE FROM orders",
            "SELECT pg_sleep(30);",
            "SELECT * FROM pg_sleep(30);",
            "SELECT set_config('default_transaction_read_only','off',false);",
            "SELECT pg_notify('x','y');",
            "VALUES (1);",
            #"SELECT 'a\'; DELETE FROM orders; --'"#,
            "SELECT dblink_exec('dbname=x', 'DELETE FROM orders')",
            "",
        ]
        for sql in hostile {
            let verdict = try validator.validate(sql)
            XCTAssertFalse(verdict.isValid, "valid: \(sql)")
            XCTAssertNotNil(verdict.error, sql)
        }
        XCTAssertEqual(try fingerprint(), before)
    }

    // MARK: - The database-side defences

    /// A user-defined function the static list cannot know is refused by the database's own catalog (issue 20).
    func testVolatileFunctionsAreRefusedFromTheDatabasesCatalog() throws {
        let before = try fingerprint()
        let refused = "不允许调用易变(VOLATILE)函数"
        for sql in ["SELECT add_customer('x')", "SELECT public.add_customer('x')",
                    "SELECT c.name FROM customer c WHERE add_customer(c.name) > 0"] {
            let verdict = try validator.validate(sql)
            XCTAssertFalse(verdict.isValid, sql)
            XCTAssertEqual(verdict.error, "\(refused)（发现: \(sql.contains("public.") ? "public." : "")add_customer）", sql)
            XCTAssertThrowsError(try validator.executeReadOnly(sql, rowLimit: 10), sql)
        }
        XCTAssertEqual(try fingerprint(), before)
    }

    func testStableImmutableAndHarmlessVolatileFunctionsPass() throws {
        XCTAssertTrue(try validator.validate("SELECT count(*), max(city), now(), date_trunc('month', now()) FROM customer").isValid)
        XCTAssertTrue(try validator.validate("SELECT random(), clock_timestamp(), gen_random_uuid()").isValid)
        XCTAssertEqual(try validator.validate("SELECT no_such_function(1)").error,
                       "function no_such_function(integer) does not exist")
    }

    /// The database-side defence on its own, as if both gates had let the text through.
    func testReadOnlyTransactionBlocksSideEffectsOfExecutedQueries() throws {
        let before = try fingerprint()
        guard case .rejected(let sequence) = try runPastTheStaticCheck("SELECT nextval('order_number')") else {
            return XCTFail("nextval ran")
        }
        XCTAssertEqual(sequence.serverMessage, "cannot execute nextval() in a read-only transaction")
        guard case .rejected(let insert) = try runPastTheStaticCheck("SELECT add_customer('x')") else {
            return XCTFail("add_customer ran")
        }
        XCTAssertEqual(insert.serverMessage, "cannot execute INSERT in a read-only transaction")
        XCTAssertEqual(try fingerprint(), before)
    }

    func testPlanningThatExceedsTheTimeoutIsInvalidQuickly() throws {
        let short = PostgresSQLValidator(connectionURL: database.url, statementTimeoutMilliseconds: 200)
        defer { short.close() }
        let started = Date()
        // An immutable function is evaluated while planning, so EXPLAIN itself runs into the timeout.
        let verdict = try short.validate("SELECT slow_constant()")
        XCTAssertFalse(verdict.isValid)
        XCTAssertEqual(verdict.error, "验证超时(200ms)")
        XCTAssertLessThan(Date().timeIntervalSince(started), 2)
    }

    func testWaitingForALockedTableTimesOut() throws {
        let locker = try database.connect()
        try locker.execute(PostgresQuery("BEGIN"))
        try locker.execute(PostgresQuery("LOCK TABLE orders IN ACCESS EXCLUSIVE MODE"))
        defer { _ = try? locker.execute(PostgresQuery("ROLLBACK")) }
        let short = PostgresSQLValidator(connectionURL: database.url, statementTimeoutMilliseconds: 200)
        defer { short.close() }
        let verdict = try short.validate("SELECT count(*) FROM orders")
        XCTAssertEqual(verdict.error, "验证超时(200ms)")
    }

    func testExecutedQueryThatExceedsTheTimeoutThrowsTheTimeoutReason() throws {
        let short = PostgresSQLValidator(connectionURL: database.url, statementTimeoutMilliseconds: 200)
        defer { short.close() }
        let started = Date()
        XCTAssertThrowsError(try short.executeReadOnly("SELECT count(*) FROM generate_series(1, 1000000000)", rowLimit: 1)) { error in
            XCTAssertEqual(error as? PipelineError, .sqlRejected("验证超时(200ms)"))
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 2)
        XCTAssertEqual(try short.executeReadOnly("SELECT 1", rowLimit: 1), 1, "the connection is usable afterwards")
    }

    /// The database-side gates on their own, as if `ReadOnlySQL` had let the text through.
    private func runPastTheStaticCheck(_ sql: String) throws -> ReadOnlyStatement.Outcome {
        let pool = PostgresConnectionPool(url: database.url, capacity: 1, applicationName: "dp-tests")
        return try pool.withConnection(counting: StatementCounter()) { connection in
            try ReadOnlyStatement.run(PostgresQuery(unsafeSQL: sql), on: connection, timeoutMilliseconds: 2_000)
        }
    }

    func testSecondStatementIsRefusedByTheServerEvenPastTheStaticCheck() throws {
        let before = try fingerprint()
        guard case .rejected(let error) = try runPastTheStaticCheck(
            "EXPLAIN SELECT 1; COMMIT; INSERT INTO customer (name) VALUES ('x')"
        ) else { return XCTFail("not rejected") }
        XCTAssertEqual(error.serverMessage, "cannot insert multiple commands into a prepared statement")
        XCTAssertEqual(try fingerprint(), before)
    }

    func testWriteIsRefusedByTheReadOnlyTransactionEvenPastTheStaticCheck() throws {
        let before = try fingerprint()
        guard case .rejected(let error) = try runPastTheStaticCheck("EXPLAIN ANALYZE DELETE FROM orders") else {
            return XCTFail("not rejected")
        }
        XCTAssertEqual(error.serverMessage, "cannot execute DELETE in a read-only transaction")
        XCTAssertEqual(try fingerprint(), before)
    }

    func testStatementThatEndsTheTransactionIsCaught() throws {
        guard case .leftTransaction = try runPastTheStaticCheck("COMMIT") else {
            return XCTFail("a COMMIT went unnoticed")
        }
    }

    // MARK: - executeReadOnly

    func testExecuteReadOnlyReturnsTheRowCount() throws {
        XCTAssertEqual(try validator.executeReadOnly("SELECT * FROM orders", rowLimit: 1_000), 40)
        XCTAssertEqual(try validator.executeReadOnly("SELECT * FROM orders WHERE amount > 30 ORDER BY id;", rowLimit: 1_000), 10)
        XCTAssertEqual(try validator.executeReadOnly("SELECT * FROM customer ORDER BY id LIMIT 3 -- top", rowLimit: 1_000), 3)
        XCTAssertEqual(try validator.executeReadOnly("SELECT o.id, c.id FROM orders o JOIN customer c ON c.id = o.customer_id",
                                                   rowLimit: 1_000), 40, "duplicate column names are fine")
        XCTAssertEqual(try validator.executeReadOnly("SELECT * FROM orders", rowLimit: 7), 7, "capped at rowLimit")
    }

    func testExecuteReadOnlyRejectsWhatTheGateRejectsWithoutTouchingTheDatabase() throws {
        let before = try fingerprint()
        XCTAssertThrowsError(try validator.executeReadOnly("DELETE FROM orders", rowLimit: 10)) { error in
            XCTAssertEqual(error as? PipelineError, .sqlRejected("只允许SELECT查询语句（发现: DELETE）"))
        }
        XCTAssertEqual(try fingerprint(), before)
    }

    // MARK: - Pool, retries, failures

    func testManyConcurrentValidationsOnASmallPoolAllGetTheRightVerdict() throws {
        let cases: [(sql: String, valid: Bool)] = [
            ("SELECT count(*) FROM orders", true),
            ("SELECT nope FROM orders", false),
            ("SELECT c.name FROM customer c WHERE c.city = '北京'", true),
            ("DELETE FROM orders", false),
            ("SELECT * FROM orders FOR UPDATE", false),
        ]
        let validator = self.validator!
        let results = ConcurrentResults<(sql: String, expected: Bool, verdict: SQLVerdict)>()
        let finished = DispatchGroup()
        // Eight real threads (concurrentPerform would run only as many as there are cores) on a pool of four.
        for thread in 0..<8 {
            finished.enter()
            Thread {
                defer { finished.leave() }
                for index in 0..<25 {
                    let item = cases[(thread * 25 + index) % cases.count]
                    results.append(Result { (item.sql, item.valid, try validator.validate(item.sql)) })
                }
            }.start()
        }
        XCTAssertEqual(finished.wait(timeout: .now() + 60), .success)
        let outcomes = try results.values.map { try $0.get() }
        XCTAssertEqual(outcomes.count, 200)
        XCTAssertEqual(outcomes.filter { $0.verdict.isValid != $0.expected }.map(\.sql), [])
        XCTAssertEqual(outcomes.filter { $0.sql.hasPrefix("SELECT nope") }.map(\.verdict.error),
                       Array(repeating: #"column "nope" does not exist"#, count: 40))
        XCTAssertLessThanOrEqual(try validatorBackends(), 4)
    }

    func testLostConnectionIsRetriedOnANewOne() throws {
        XCTAssertTrue(try validator.validate("SELECT 1").isValid)
        let admin = try database.connect()
        try admin.execute(PostgresQuery(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'dp-sql-validation'",
            [database.name]
        ))
        let verdict = try validator.validate("SELECT count(*) FROM customer")
        XCTAssertTrue(verdict.isValid, verdict.error ?? "")
        XCTAssertEqual(verdict.retries, 1)
    }

    func testCloseClosesThePoolsConnections() throws {
        XCTAssertTrue(try validator.validate("SELECT 1").isValid)
        XCTAssertEqual(try validatorBackends(), 1)
        validator.close()
        let deadline = Date().addingTimeInterval(5)
        while try validatorBackends() > 0, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTAssertEqual(try validatorBackends(), 0)
    }

    func testUnreachableDatabaseThrowsWithoutThePassword() throws {
        let unreachable = PostgresSQLValidator(
            connectionURL: "postgresql://dp_user:Sup3rSecretPw@127.0.0.1:1/business?connect_timeout=2", maxRetries: 1
        )
        XCTAssertThrowsError(try unreachable.validate("SELECT 1")) { error in
            guard case .businessDatabaseFailure(let reason)? = error as? PipelineError else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertFalse(reason.isEmpty)
            XCTAssertFalse("\(error) \(reason)".contains("Sup3rSecretPw"), reason)
        }
        // A text the static gate rejects is a verdict even then: it never needed the database.
        XCTAssertEqual(try unreachable.validate("DROP TABLE orders").isValid, false)
    }
}

/// The business database of the validator tests: two related tables with rows, a sequence, a function that
/// writes, and an immutable function that is slow to evaluate (the planner evaluates it).
enum SQLValidatorFixture {
    static let statements: [String] = [
        "CREATE TABLE customer (id serial PRIMARY KEY, name text NOT NULL, city text, updated_at timestamptz)",
        """
        INSERT INTO customer (name, city, updated_at)
        SELECT '客户' || g, (ARRAY['北京', '上海', '广州'])[1 + g % 3], timestamptz '2024-01-01 00:00+00' + g * interval '1 day'
        FROM generate_series(1, 12) g
        """,
        """
        CREATE TABLE orders (id serial PRIMARY KEY, customer_id integer NOT NULL REFERENCES customer (id),
                             amount numeric(10,2) NOT NULL, created_at timestamptz NOT NULL)
        """,
        """
        INSERT INTO orders (customer_id, amount, created_at)
        SELECT 1 + g % 12, g, timestamptz '2024-01-01 00:00+00' + g * interval '1 hour' FROM generate_series(1, 40) g
        """,
        "CREATE SEQUENCE order_number",
        """
        CREATE FUNCTION add_customer(name text) RETURNS integer VOLATILE LANGUAGE sql
        AS $$ INSERT INTO customer (name) VALUES (name) RETURNING id $$
        """,
        """
        CREATE FUNCTION slow_constant() RETURNS integer IMMUTABLE LANGUAGE plpgsql
        AS $$ BEGIN PERFORM pg_sleep(5); RETURN 1; END $$
        """,
    ]
}
