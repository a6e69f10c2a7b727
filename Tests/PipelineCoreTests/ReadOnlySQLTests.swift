import Foundation
import PipelineCore
import XCTest

/// The static gate of step 3: exactly one read-only query passes, anything that could write, lock or run a second
/// statement is rejected with its reason, and text inside strings, quoted identifiers and comments never counts.
final class ReadOnlySQLTests: XCTestCase {
    private let modifying = "不允许数据修改或DDL语句"
    private let notSelect = "只允许SELECT查询语句"
    private let lock = "不允许加锁查询(FOR UPDATE/SHARE)"
    private let syntax = "SQL语法错误: syntax error"

    private func assertAccepted(_ sql: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertNil(ReadOnlySQL.violation(in: sql), sql, file: file, line: line)
    }

    private func assertRejected(
        _ sql: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line
    ) {
        guard let reason = ReadOnlySQL.violation(in: sql) else {
            return XCTFail("accepted: \(sql)", file: file, line: line)
        }
        XCTAssertTrue(reason.hasPrefix(expected), "\(sql) → \(reason), expected \(expected)", file: file, line: line)
    }

    // MARK: - Accepted

    func testAcceptsPlainSelect() {
        assertAccepted("SELECT 1")
        assertAccepted("select id, name from customer where id = 3 order by name limit 10")
    }

    func testAcceptsWithQueriesIncludingRecursive() {
        assertAccepted("WITH t AS (SELECT id FROM customer) SELECT * FROM t")
        assertAccepted("""
            WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5),
                 s AS MATERIALIZED (SELECT n FROM r) SELECT sum(n) FROM s
            """)
    }

    func testAcceptsNestedSubqueriesAndParenthesisedQueries() {
        assertAccepted("SELECT * FROM (SELECT id FROM (SELECT id FROM t WHERE x IN (SELECT y FROM u)) a) b")
        assertAccepted("(SELECT 1) UNION (SELECT 2) ORDER BY 1")
        assertAccepted("((SELECT 1))")
        assertAccepted("SELECT v.x FROM (VALUES (1), (2)) AS v(x)")
    }

    func testAcceptsWindowFunctionsAndCasts() {
        assertAccepted("""
            SELECT region, amount::numeric(10,2), sum(amount) OVER (PARTITION BY region ORDER BY created_at
                   ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running,
                   rank() OVER w FROM orders WINDOW w AS (ORDER BY amount DESC)
            """)
    }

    func testAcceptsForbiddenWordsAsQuotedIdentifiers() {
        assertAccepted(#"SELECT "update", "delete", "Drop" FROM t WHERE "into" > 1"#)
        assertAccepted(#"SELECT 1 AS "x"";DELETE""#)
    }

    func testAcceptsForbiddenWordsAndSemicolonsInsideStrings() {
        assertAccepted("SELECT 'DROP TABLE x; --' AS s")
        assertAccepted("SELECT 'it''s; DELETE FROM t' FROM t")
        assertAccepted(#"SELECT E'it\'s; DELETE FROM t' FROM t"#)
        assertAccepted(#"SELECT U&'\0041; DROP' , N'; INSERT', X'1F', B'101'"#)
    }

    func testAcceptsDollarQuotedStrings() {
        assertAccepted("SELECT $$a; DROP TABLE t; b$$")
        assertAccepted("SELECT $fn$ DELETE FROM t; $$ still inside $fn$ AS s")
    }

    func testAcceptsSemicolonsAndKeywordsInComments() {
        assertAccepted("SELECT 1 -- ; DROP TABLE x\nFROM t")
        assertAccepted("/* ; DELETE FROM t */ SELECT 1")
        assertAccepted("SELECT /* outer /* nested ; DROP */ still comment ; */ 1")
    }

    func testAcceptsOneTrailingSemicolonWithWhitespaceAndComment() {
        assertAccepted("SELECT 1;")
        assertAccepted("SELECT 1 ;  \n -- done\n")
    }

    func testAcceptsChineseAliasesAndWordsContainingKeywords() {
        assertAccepted("SELECT sum(amount) AS 总营收, count(*) AS 订单数 FROM orders")
        assertAccepted("SELECT updated_at, created_by, deleted, drop_count, into_x, do_flag FROM t")
    }

    func testAcceptsForThatIsNotALockingClause() {
        assertAccepted("SELECT substring(name FROM 1 FOR 3) FROM t ORDER BY name")
        assertAccepted("SELECT * FROM t FOR READ ONLY")
    }

    func testAcceptsFunctionNamedLikeSideEffectOnlyWhenNotCalled() {
        assertAccepted("SELECT dblink, pg_read_file FROM t")
    }

    func testAcceptsSyntaxThatATokenRuleCouldNotModel() {
        assertAccepted("SELECT copy, call, merge FROM t")
        assertAccepted("SELECT count(*) FILTER (WHERE paid) AS 已付, percentile_cont(0.5) WITHIN GROUP (ORDER BY amount) FROM orders")
        assertAccepted("SELECT region, product, sum(amount) FROM sales GROUP BY GROUPING SETS ((region), (product), ())")
        assertAccepted("SELECT c.id, l.total FROM customer c CROSS JOIN LATERAL (SELECT sum(amount) AS total FROM orders o WHERE o.customer_id = c.id) l")
        assertAccepted("SELECT 1 /* a /* nested */ still */ + 1 AS 二")
        assertAccepted("SELECT (amount OPERATOR(pg_catalog.+) 1)::numeric(12, 2) FROM orders")
        assertAccepted("SELECT 1;;")
    }

    // MARK: - Rejected

    func testRejectsSecondStatement() {
        assertRejected("SELECT 1; DROP TABLE x", "只允许单条SQL语句")
        assertRejected("COMMIT; INSERT INTO t VALUES (1)", "只允许单条SQL语句")
    }

    func testRejectsStatementsThatAreNotQueries() {
        assertRejected("EXPLAIN ANALYZE DELETE FROM t", "\(notSelect)（发现: EXPLAIN）")
        assertRejected("COMMIT", "\(notSelect)（发现: COMMIT）")
        assertRejected("insert into t values (1)", "\(notSelect)（发现: INSERT）")
        assertRejected("UPDATE t SET a = 1", "\(notSelect)（发现: UPDATE）")
        assertRejected("/* */ DELETE FROM t", "\(notSelect)（发现: DELETE）")
        assertRejected("SET search_path TO evil", "\(notSelect)（发现: SET）")
        assertRejected("COPY t TO STDOUT", "\(notSelect)（发现: COPY）")
        assertRejected("CALL p()", "\(notSelect)（发现: CALL）")
        assertRejected("DO $$ BEGIN DELETE FROM t; END $$", "\(notSelect)（发现: DO）")
        assertRejected("TABLE t", "\(notSelect)（发现: TABLE）")
        assertRejected("VALUES (1, 'a'), (2, 'b')", "\(notSelect)（发现: VALUES）")
        assertRejected("(DELETE FROM t RETURNING *)", syntax)
        assertRejected("'SELECT'", syntax)
    }

    func testRejectsDataModifyingCTE() {
        assertRejected("WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d", "\(modifying)（发现: DELETE）")
        assertRejected("WITH u AS (update t set a = 1 RETURNING *) SELECT 1", "\(modifying)（发现: UPDATE）")
        assertRejected("WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x", "\(notSelect)（发现: INSERT）")
        assertRejected("WITH m AS (MERGE INTO t USING s ON true WHEN MATCHED THEN DELETE) SELECT 1", "\(modifying)（发现: MERGE）")
    }

    func testRejectsModifyingKeywordsAnywhereAsTheServerWould() {
        for keyword in ["TRUNCATE", "DROP", "ALTER", "CREATE", "GRANT", "REVOKE", "COPY", "CALL", "DO"] {
            assertRejected("SELECT 1 FROM t WHERE x = 1 \(keyword.lowercased()) y", syntax)
        }
    }

    func testRejectsSelectInto() {
        assertRejected("SELECT * INTO x FROM t", "不允许SELECT INTO")
        assertRejected("SELECT * INTO TEMP x FROM t", "不允许SELECT INTO")
    }

    func testRejectsLockingClauses() {
        assertRejected("SELECT * FROM t FOR UPDATE", lock)
        assertRejected("SELECT * FROM t FOR NO KEY UPDATE NOWAIT", lock)
        assertRejected("SELECT * FROM t for share", lock)
        assertRejected("SELECT * FROM t FOR KEY SHARE SKIP LOCKED", lock)
        assertRejected("SELECT * FROM (SELECT * FROM t FOR UPDATE OF t) s", lock)
    }

    func testRejectsCallsOfFunctionsWhoseEffectOutlivesTheTransaction() {
        let reason = "不允许调用有副作用的函数"
        assertRejected("SELECT dblink_exec('dbname=x', 'DELETE FROM t')", "\(reason)（发现: dblink_exec）")
        assertRejected("SELECT pg_advisory_lock(1)", reason)
        assertRejected(#"SELECT "pg_terminate_backend"(1)"#, reason)
        assertRejected("SELECT pg_catalog.PG_READ_FILE ('/etc/passwd')", reason)
        assertRejected("SELECT * FROM dblink('dbname=x', 'SELECT 1') AS r(a int)", reason)
    }

    /// The hostile-client pass's list (issue 20): each was kept as valid training SQL by the token gate.
    func testRejectsTheHostileClientsSideEffectsAndNonQueries() {
        let reason = "不允许调用有副作用的函数"
        assertRejected("SELECT pg_sleep(30);", "\(reason)（发现: pg_sleep）")
        assertRejected("SELECT * FROM pg_sleep(30);", "\(reason)（发现: pg_sleep）")
        assertRejected("SELECT set_config('default_transaction_read_only','off',false);", "\(reason)（发现: set_config）")
        assertRejected("SELECT pg_notify('x','y');", "\(reason)（发现: pg_notify）")
        assertRejected("VALUES (1);", "\(notSelect)（发现: VALUES）")
        assertRejected("SELECT \"pg_catalog\".\"pg_sleep\"(1)", reason)
        assertRejected("SELECT x FROM t WHERE pg_sleep_for('1 minute') IS NULL", reason)
    }

    func testRejectsQueriesOfTheServersCatalogs() {
        assertRejected("SELECT rolpassword FROM pg_authid", "不允许查询系统表（发现: pg_authid）")
        assertRejected("SELECT * FROM pg_catalog.pg_class", "不允许查询系统表（发现: pg_class）")
        assertRejected("SELECT table_name FROM information_schema.tables", "不允许查询系统表（发现: tables）")
        assertAccepted("SELECT * FROM ods.pg_like_business_table")
    }

    func testDeepestAcceptedQueryIsCheckedOnASmallThreadStack() {
        let deep = "SELECT " + String(repeating: "(SELECT ", count: 35) + "1" + String(repeating: ")", count: 35)
        let deeper = "SELECT " + String(repeating: "(SELECT ", count: 45) + "1" + String(repeating: ")", count: 45)
        let done = expectation(description: "checked")
        nonisolated(unsafe) var verdicts: [String?] = []
        let thread = Thread {
            verdicts = [ReadOnlySQL.violation(in: deep), ReadOnlySQL.violation(in: deeper)]
            _ = (ReadOnlySQL.references(in: deep), ReadOnlySQL.normalized(deep), ReadOnlySQL.shape(deep))
            done.fulfill()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        wait(for: [done], timeout: 10)
        XCTAssertEqual(verdicts.first, .some(nil))
        XCTAssertEqual(verdicts.last??.hasPrefix("SQL嵌套层数过多"), true)
    }

    func testRejectsNulAndOversizedText() {
        assertRejected("SELECT 1\u{0}; DROP TABLE t", "SQL中不能包含空字符")
        assertRejected("SELECT '" + String(repeating: "x", count: 70_000) + "'", "SQL过长")
    }

    func testReadsACommentEndedByCarriageReturnAsTheServerDoes() {
        // The server ends a `--` comment at `\r`: what follows is `delete`, an alias of the output column.
        assertAccepted("SELECT 1 -- harmless\rDELETE FROM t")
        assertRejected("SELECT 1 -- harmless\r; DELETE FROM t", "只允许单条SQL语句")
    }

    func testRejectsTextThatOnlyLooksQuotedUnderOtherRules() {
        // With standard strings a backslash does not escape the quote: the `;` is outside the string.
        assertRejected(#"SELECT 'a\'; DELETE FROM t --'"#, "只允许单条SQL语句")
        // In an E'' string `\\` is one backslash, so the quote after it ends the string.
        assertRejected(#"SELECT E'\\'; DELETE FROM t; --'"#, "只允许单条SQL语句")
        // A dollar quote ends only at the same tag.
        assertRejected("SELECT $a$ x $b$ y $a$; DELETE FROM t", "只允许单条SQL语句")
    }

    func testRejectsUnterminatedConstructs() {
        assertRejected("SELECT 'abc", "SQL中有未闭合的字符串")
        assertRejected(#"SELECT E'abc\'"#, "SQL中有未闭合的字符串")
        assertRejected(#"SELECT "abc"#, "SQL中有未闭合的双引号标识符")
        assertRejected("SELECT $$abc$", "SQL中有未闭合的美元符号引用字符串")
        assertRejected("SELECT 1 /* abc", "SQL中有未闭合的注释")
        assertRejected("SELECT 1 /* a /* b */", "SQL中有未闭合的注释")
    }

    func testRejectsEmptyText() {
        for sql in ["", "   \n\t", ";", " ; ", "-- only a comment", "/* nothing */ ;"] {
            assertRejected(sql, "SQL为空")
        }
    }

    func testRejectsUnbalancedParentheses() {
        assertRejected("SELECT (1", syntax)
        assertRejected("SELECT 1) AS q, (SELECT 2", syntax)
        assertRejected("SELECT a[1) FROM t", syntax)
    }

    // MARK: - Statement text and normalisation

    func testStatementTextDropsSurroundingCommentsAndTrailingSemicolon() {
        XCTAssertEqual(ReadOnlySQL.statementText("  /* head */ SELECT 1 -- x\n FROM t ; -- end"), "SELECT 1 -- x\n FROM t")
        XCTAssertEqual(ReadOnlySQL.statementText("SELECT 1 -- tail"), "SELECT 1")
    }

    func testNormalizedIgnoresCaseWhitespaceCommentsAndTrailingSemicolon() {
        let a = ReadOnlySQL.normalized("select  a,b\n from T  -- list\n;")
        let b = ReadOnlySQL.normalized("SELECT a , B /* x */ FROM t")
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a, ReadOnlySQL.normalized("SELECT a, c FROM t"))
    }

    func testNormalizedKeepsStringsAndQuotedIdentifiersButNotNeedlessQuotes() {
        XCTAssertEqual(ReadOnlySQL.normalized(#"select "Ab  C", 'x  Y' from t"#), ReadOnlySQL.normalized(#"SELECT "Ab  C",'x  Y' FROM "t""#))
        XCTAssertNotEqual(ReadOnlySQL.normalized("SELECT 'a'"), ReadOnlySQL.normalized("SELECT 'A'"))
        XCTAssertNotEqual(ReadOnlySQL.normalized(#"SELECT "A""#), ReadOnlySQL.normalized("SELECT a"))
        // To the server `"a"` and `a` are the same name.
        XCTAssertEqual(ReadOnlySQL.normalized(#"SELECT "a""#), ReadOnlySQL.normalized("SELECT a"))
    }

    func testShapeIsEqualForQueriesThatDifferOnlyInConstants() {
        let march = ReadOnlySQL.shape("SELECT sum(amount) FROM orders WHERE month = '2024-03'")
        XCTAssertNotNil(march)
        XCTAssertEqual(march, ReadOnlySQL.shape("select SUM(amount) AS 总额 from orders where month = '2024-04';"))
        XCTAssertNotEqual(march, ReadOnlySQL.shape("SELECT avg(amount) FROM orders WHERE month = '2024-03'"))
        XCTAssertNil(ReadOnlySQL.shape("SELECT FROM WHERE"))
    }

    func testNormalizedCollapsesWhitespaceOfTextThatDoesNotLex() {
        XCTAssertEqual(ReadOnlySQL.normalized("  SELECT   'abc\n  x"), "SELECT 'abc x")
    }
}
