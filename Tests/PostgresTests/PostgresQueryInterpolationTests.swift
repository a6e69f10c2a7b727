import Postgres
import XCTest

/// Queries composed by interpolation: values become numbered parameters and never SQL text, identifiers are quoted
/// by the one quoting function, embedded queries are renumbered — each proven on the real server.
final class PostgresQueryInterpolationTests: PostgresDatabaseTestCase {
    func testValuesBecomeParametersNumberedInOrder() throws {
        let name = "x'); DROP TABLE t; --"
        let limit = 7
        let missing: String? = nil
        let query: PostgresQuery = "SELECT \(name)::text AS a, \(limit)::integer AS b, \(missing)::text AS c"
        XCTAssertEqual(query.sql, "SELECT $1::text AS a, $2::integer AS b, $3::text AS c")
        XCTAssertEqual(query.binds.count, 3)
        XCTAssertFalse(query.sql.contains("DROP"), "a value must never land in the SQL text")

        let row = try XCTUnwrap(connect().query(query).first)
        XCTAssertEqual(try row.string("a"), name)
        XCTAssertEqual(try row.int("b"), 7)
        XCTAssertNil(try row.optionalString("c"))
    }

    func testIdentifiersAreQuotedIncludingEmbeddedQuotesAndCJK() throws {
        let connection = try connect()
        for name in [#"a"b"#, "客户反馈", "MixedCase", #"x"; DROP TABLE t; --"#] {
            let create: PostgresQuery = "CREATE TABLE \(identifier: "public", name) (\(identifier: "列 \(name)") text)"
            XCTAssertEqual(create.sql, "CREATE TABLE \"public\".\(PostgresConnection.quoteIdentifier(name)) "
                + "(\(PostgresConnection.quoteIdentifier("列 \(name)")) text)")
            XCTAssertTrue(create.binds.isEmpty)
            try connection.execute(create)
            try connection.execute("INSERT INTO \(identifier: "public", name) (\(identifier: "列 \(name)")) VALUES (\(name))")
            let row = try XCTUnwrap(connection.query("SELECT \(identifier: "列 \(name)") FROM \(identifier: name)").first)
            XCTAssertEqual(try row.string("列 \(name)"), name)
        }
    }

    func testEmbeddedQueriesAreRenumberedAfterTheParametersBeforeThem() throws {
        func filter(_ value: Int) -> PostgresQuery { "n >= \(value) AND n <= \(value + 2)" }
        let parts = [1, 5].map { start -> PostgresQuery in "SELECT n FROM generate_series(1, 10) n WHERE \(filter(start))" }
        let union = PostgresQuery.joined(parts, separator: " UNION ALL ")
        let query: PostgresQuery = "SELECT count(*) AS c, \(100)::integer AS extra FROM (\(union)) u WHERE n <> \(6)"
        XCTAssertEqual(query.sql, "SELECT count(*) AS c, $1::integer AS extra FROM (SELECT n FROM generate_series(1, 10) n "
            + "WHERE n >= $2 AND n <= $3 UNION ALL SELECT n FROM generate_series(1, 10) n WHERE n >= $4 AND n <= $5) u "
            + "WHERE n <> $6")
        let row = try XCTUnwrap(connect().query(query).first)
        // 1…3 and 5…7 without 6.
        XCTAssertEqual(try row.int("c"), 5)
        XCTAssertEqual(try row.int("extra"), 100)
    }

    func testTrustedLiteralsAreTextAndACompleteLiteralHasNoParameters() throws {
        let descending = true
        let direction: TrustedSQL = descending ? "DESC" : "ASC"
        let query: PostgresQuery = "SELECT n FROM generate_series(1, 3) n ORDER BY n \(literal: direction) LIMIT 1"
        XCTAssertEqual(query.sql, "SELECT n FROM generate_series(1, 3) n ORDER BY n DESC LIMIT 1")
        XCTAssertTrue(query.binds.isEmpty)
        XCTAssertEqual(try connect().query(query).first?.int("n"), 3)
        let plain: PostgresQuery = "SELECT 1 AS one"
        XCTAssertEqual(plain.sql, "SELECT 1 AS one")
        XCTAssertTrue(plain.binds.isEmpty)
    }
}
