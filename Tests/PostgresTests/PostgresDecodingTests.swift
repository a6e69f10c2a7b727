import Foundation
import Postgres
import XCTest

/// Typed accessors read PostgreSQL's text output, NULLs included.
final class PostgresDecodingTests: PostgresDatabaseTestCase {
    private func fixtureRows(_ connection: PostgresConnection) throws -> PostgresRows {
        try connection.execute(PostgresQuery("""
            CREATE TABLE IF NOT EXISTS typed (id int PRIMARY KEY, s text, i bigint, b bool, d float8, n numeric,
                ts timestamptz, tsn timestamp, day date, tags text[])
            """))
        try connection.execute(PostgresQuery("DELETE FROM typed"))
        try connection.execute(PostgresQuery("""
            INSERT INTO typed VALUES
              (1, 'hello', 9007199254740993, true, 2.5, 12.75, '2026-01-05 10:00:00.123456+00',
               '2026-01-05 10:00:00.000001', '2026-01-05', ARRAY['a', 'b c', NULL, '', '"q"', 'back\\slash']),
              (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
            """))
        return try connection.query(PostgresQuery("SELECT * FROM typed ORDER BY id"))
    }

    func testValuesDecodeToTheirTypes() throws {
        let rows = try fixtureRows(connect())
        XCTAssertEqual(rows.count, 2)
        XCTAssertEqual(rows.columns, ["id", "s", "i", "b", "d", "n", "ts", "tsn", "day", "tags"])
        let row = rows[0]
        XCTAssertEqual(try row.string("s"), "hello")
        XCTAssertEqual(try row.int("i"), 9_007_199_254_740_993)
        XCTAssertTrue(try row.bool("b"))
        XCTAssertEqual(try row.double("d"), 2.5)
        XCTAssertEqual(try row.double("n"), 12.75)
        XCTAssertEqual(try row.date("day").timeIntervalSince1970, 1_767_571_200)
        XCTAssertFalse(try row.isNull("s"))
    }

    func testTimestampsKeepMicroseconds() throws {
        let row = try fixtureRows(connect())[0]
        // Compare whole microseconds: a Double of this size has ~0.2 µs resolution.
        XCTAssertEqual(Int64((try row.date("ts").timeIntervalSince1970 * 1e6).rounded()), 1_767_607_200_123_456)
        XCTAssertEqual(Int64((try row.date("tsn").timeIntervalSince1970 * 1e6).rounded()), 1_767_607_200_000_001)
    }

    func testNullsDecodeAsNilAndThrowForRequiredAccessors() throws {
        let row = try fixtureRows(connect())[1]
        XCTAssertTrue(try row.isNull("s"))
        XCTAssertNil(try row.optionalString("s"))
        XCTAssertNil(try row.optionalInt("i"))
        XCTAssertNil(try row.optionalBool("b"))
        XCTAssertNil(try row.optionalDate("ts"))
        XCTAssertNil(try row.optionalNullableStringArray("tags"))
        for read in [{ _ = try row.string("s") }, { _ = try row.int("i") }, { _ = try row.bool("b") },
                     { _ = try row.double("d") }, { _ = try row.date("ts") }, { _ = try row.stringArray("tags") }] {
            XCTAssertThrowsError(try read()) { XCTAssertEqual(($0 as? PostgresError)?.kind, .decoding) }
        }
    }

    func testArrayElementsIncludingNULLAreParsed() throws {
        let row = try fixtureRows(connect())[0]
        XCTAssertEqual(try row.optionalNullableStringArray("tags"), ["a", "b c", nil, "", "\"q\"", #"back\slash"#])
        XCTAssertThrowsError(try row.stringArray("tags"), "a NULL element cannot become a String") {
            XCTAssertEqual(($0 as? PostgresError)?.kind, .decoding)
        }
    }

    func testMissingColumnAndWrongTypeThrowDecodingErrors() throws {
        let row = try fixtureRows(connect())[0]
        XCTAssertThrowsError(try row.string("nope")) { XCTAssertEqual(($0 as? PostgresError)?.kind, .decoding) }
        XCTAssertThrowsError(try row.int("s")) { error in
            XCTAssertEqual((error as? PostgresError)?.kind, .decoding)
            XCTAssertFalse(String(reflecting: error).contains("hello"), "the value itself must stay out of the error")
        }
        XCTAssertThrowsError(try row.bool("s"))
        XCTAssertThrowsError(try row.date("s"))
    }

    func testAffectedRowsAndEmptyResults() throws {
        let connection = try connect()
        _ = try fixtureRows(connection)
        XCTAssertEqual(try connection.execute(PostgresQuery("UPDATE typed SET s = $1", ["x"])), 2)
        XCTAssertEqual(try connection.execute(PostgresQuery("UPDATE typed SET s = 'y' WHERE id = $1", [99])), 0)
        let none = try connection.query(PostgresQuery("SELECT id FROM typed WHERE id < 0"))
        XCTAssertTrue(none.isEmpty)
        XCTAssertNil(none.first)
        XCTAssertEqual(none.columns, ["id"])
        XCTAssertEqual(try connection.query(PostgresQuery("UPDATE typed SET s = 'z' RETURNING id")).affectedRows, 2)
    }

    func testSessionSettingsAreUTCAndISO() throws {
        let row = try XCTUnwrap(connect().query(PostgresQuery(
            "SELECT current_setting('TimeZone') AS tz, current_setting('DateStyle') AS ds, current_setting('client_encoding') AS enc, current_setting('application_name') AS app"
        )).first)
        XCTAssertEqual(try row.string("tz"), "UTC")
        XCTAssertEqual(try row.string("ds"), "ISO, MDY")
        XCTAssertEqual(try row.string("enc"), "UTF8")
        XCTAssertEqual(try row.string("app"), "dp-tests")
    }

    func testNoticesAreKeptInsteadOfPrinted() throws {
        let connection = try connect()
        try connection.execute(PostgresQuery("DO $$ BEGIN RAISE NOTICE 'hello from plpgsql'; END $$"))
        XCTAssertTrue(connection.lastNotices.contains { $0.contains("hello from plpgsql") }, "\(connection.lastNotices)")
        connection.clearNotices()
        XCTAssertEqual(connection.lastNotices, [])
    }
}
