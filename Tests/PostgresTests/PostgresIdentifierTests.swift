import Postgres
import XCTest

/// `quoteIdentifier` makes any name usable in SQL, proven by creating and querying such tables.
final class PostgresIdentifierTests: PostgresDatabaseTestCase {
    func testQuotingRules() {
        XCTAssertEqual(PostgresConnection.quoteIdentifier("users"), #""users""#)
        XCTAssertEqual(PostgresConnection.quoteIdentifier("MixedCase"), #""MixedCase""#)
        XCTAssertEqual(PostgresConnection.quoteIdentifier(#"a"b"#), #""a""b""#)
        XCTAssertEqual(PostgresConnection.quoteIdentifier("nul\0byte"), #""nulbyte""#)
        XCTAssertEqual(PostgresConnection.quoteIdentifier(""), #""""#)
        // A quote followed by a combining mark is one Character but must still be doubled.
        XCTAssertEqual(PostgresConnection.quoteIdentifier("x\"\u{301}"), "\"x\"\"\u{301}\"")
    }

    func testHostileNamesCreateAndQueryRealTables() throws {
        let connection = try connect()
        let names = ["MixedCase", "select", "user", "order by", "中文表名", #"a"b"#, #"x"; DROP TABLE t; --"#, "x\"\u{301}", "with space "]
        for name in names {
            let table = PostgresConnection.quoteIdentifier(name)
            let column = PostgresConnection.quoteIdentifier("列 \(name)")
            try connection.execute(PostgresQuery(unsafeSQL: "CREATE TABLE \(table) (\(column) text)"))
            try connection.execute(PostgresQuery(unsafeSQL: "INSERT INTO \(table) (\(column)) VALUES ($1)", [name]))
            let row = try XCTUnwrap(connection.query(PostgresQuery(unsafeSQL: "SELECT \(column) FROM \(table)")).first)
            XCTAssertEqual(try row.string("列 \(name)"), name)
            let catalog = try connection.query(PostgresQuery("SELECT relname FROM pg_class WHERE relname = $1 AND relkind = 'r'", [name]))
            XCTAssertEqual(catalog.count, 1, "table \(name) should exist under its exact name")
        }
    }
}
