import PipelineCore
import XCTest

/// The static gate of step 3: exactly one read-only query passes, anything that could write, lock or run a second
/// statement is rejected with its reason, and text inside strings, quoted identifiers and comments never counts.
final class ReadOnlySQLTests: XCTestCase {
    private let modifying = "不允许数据修改或DDL语句"
    private let notSelect = "只允许SELECT查询语句"
    private let lock = "不允许加锁查询(FOR UPDATE/SHARE)"

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
        assertAccepted("VALUES (1, 'a'), (2, 'b')")
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

    // MARK: - Rejected

    func testRejectsSecondStatement() {
        assertRejected("SELECT 1; DROP TABLE x", "只允许单条SQL语句")
        assertRejected("COMMIT; INSERT INTO t VALUES (1)", "只允许单条SQL语句")
        assertRejected("SELECT 1;;", "只允许单条SQL语句")
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
        assertRejected("(DELETE FROM t RETURNING *)", "\(notSelect)（发现: DELETE）")
        assertRejected("'SELECT'", "\(notSelect)（发现: 'SELECT'）")
    }

    func testRejectsDataModifyingCTE() {
        assertRejected("WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d", "\(modifying)（发现: DELETE）")
        assertRejected("WITH u AS (update t set a = 1 RETURNING *) SELECT 1", "\(modifying)（发现: UPDATE）")
        assertRejected("WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x", "\(modifying)（发现: INSERT）")
        assertRejected("WITH m AS (MERGE INTO t USING s ON true WHEN MATCHED THEN DELETE) SELECT 1", "\(modifying)（发现: MERGE）")
    }

    func testRejectsModifyingKeywordsAnywhere() {
        for keyword in ["TRUNCATE", "DROP", "ALTER", "CREATE", "GRANT", "REVOKE", "COPY", "CALL", "DO"] {
            assertRejected("SELECT 1 FROM t WHERE x = 1 \(keyword.lowercased()) y", "\(modifying)（发现: \(keyword)）")
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

    func testRejectsKeywordAfterACommentEndedByCarriageReturn() {
        // The server ends a `--` comment at `\r` as well as at `\n`.
        assertRejected("SELECT 1 -- harmless\rDELETE FROM t", modifying)
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
        assertRejected("SELECT (1", "SQL括号不匹配")
        assertRejected("SELECT 1) AS q, (SELECT 2", "SQL括号不匹配")
        assertRejected("SELECT a[1) FROM t", "SQL括号不匹配")
    }

    func testRejectsUnquotedColumnNamedLikeAKeywordConservatively() {
        assertRejected("SELECT copy FROM t", modifying)
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
        XCTAssertEqual(a, "SELECT A , B FROM T")
    }

    func testNormalizedKeepsStringsAndQuotedIdentifiersAsWritten() {
        XCTAssertEqual(ReadOnlySQL.normalized(#"select "Ab  C", 'x  Y' from t"#), #"SELECT "Ab  C" , 'x  Y' FROM T"#)
        XCTAssertNotEqual(ReadOnlySQL.normalized("SELECT 'a'"), ReadOnlySQL.normalized("SELECT 'A'"))
        XCTAssertNotEqual(ReadOnlySQL.normalized(#"SELECT "a""#), ReadOnlySQL.normalized("SELECT a"))
    }

    func testNormalizedCollapsesWhitespaceOfTextThatDoesNotLex() {
        XCTAssertEqual(ReadOnlySQL.normalized("  SELECT   'abc\n  x"), "SELECT 'abc x")
    }
}
