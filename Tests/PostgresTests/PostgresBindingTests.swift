import Foundation
import Postgres
import XCTest

/// Every bindable type reaches the server as the exact value (checked with server-side functions, not only by
/// reading it back with our own decoders).
final class PostgresBindingTests: PostgresDatabaseTestCase {
    func testStringRoundTripsUnicodeQuotesAndBackslashes() throws {
        let connection = try connect()
        for value in ["", "plain", "it's \"quoted\"", #"back\slash \\ \n"#, "中文表名 🚀 émoji", "NULL", " spaced ", "a,b{c}"] {
            let row = try XCTUnwrap(connection.query(PostgresQuery("SELECT $1::text AS v, length($1::text) AS n", [value])).first)
            XCTAssertEqual(try row.string("v"), value)
            XCTAssertEqual(try row.int("n"), value.count)
        }
    }

    func testEmptyStringAndNullStayDistinct() throws {
        let connection = try connect()
        let row = try XCTUnwrap(connection.query(PostgresQuery(
            "SELECT $1::text IS NULL AS a_null, $2::text IS NULL AS b_null, $2::text = '' AS b_empty", [nil, ""]
        )).first)
        XCTAssertTrue(try row.bool("a_null"))
        XCTAssertFalse(try row.bool("b_null"))
        XCTAssertTrue(try row.bool("b_empty"))
    }

    func testIntegersRoundTripAtTheirLimits() throws {
        let connection = try connect()
        let row = try XCTUnwrap(connection.query(PostgresQuery(
            "SELECT $1::int8 AS a, $2::int4 AS b, $3::int8 AS c, $4::int8 AS d, $5::int4 + 1 AS e",
            [Int.max, Int32.min, Int64.min, -42, Int32(41)]
        )).first)
        XCTAssertEqual(try row.int("a"), Int.max)
        XCTAssertEqual(try row.int("b"), Int(Int32.min))
        XCTAssertEqual(try row.int("c"), Int(Int64.min))
        XCTAssertEqual(try row.int("d"), -42)
        XCTAssertEqual(try row.int("e"), 42)
    }

    func testBoolIsSentAsTF() throws {
        XCTAssertEqual(true.postgresText, "t")
        XCTAssertEqual(false.postgresText, "f")
        let row = try XCTUnwrap(connect().query(PostgresQuery("SELECT $1::bool AS t, NOT $2::bool AS f", [true, false])).first)
        XCTAssertTrue(try row.bool("t"))
        XCTAssertTrue(try row.bool("f"))
    }

    func testDoubleRoundTripsIncludingNonFinite() throws {
        let connection = try connect()
        for value in [0.1, -1e-5, Double.greatestFiniteMagnitude, Double.leastNonzeroMagnitude, 3.0, Double.infinity, -Double.infinity] {
            let row = try XCTUnwrap(connection.query(PostgresQuery("SELECT $1::float8 AS v", [value])).first)
            XCTAssertEqual(try row.double("v"), value)
        }
        let nan = try XCTUnwrap(connection.query(PostgresQuery("SELECT $1::float8 AS v, $1::float8 = 'NaN' AS is_nan", [Double.nan])).first)
        XCTAssertTrue(try nan.double("v").isNaN)
        XCTAssertTrue(try nan.bool("is_nan"))
    }

    func testStringArrayWithHostileElementsArrivesElementByElement() throws {
        let hostile = ["", "NULL", "null", "a,b", "{braces}", "\"quoted\"", #"back\slash"#, #"\""#, " lead and trail ",
                       "中文", "tab\tnew\nline", "'single'", "=", "}", "{", ","]
        let rows = try connect().query(PostgresQuery(
            "SELECT u.x, u.i, u.x IS NULL AS is_null FROM unnest($1::text[]) WITH ORDINALITY AS u(x, i) ORDER BY u.i", [hostile]
        ))
        XCTAssertEqual(rows.count, hostile.count)
        for (row, expected) in zip(rows, hostile) {
            XCTAssertFalse(try row.bool("is_null"))
            XCTAssertEqual(try row.string("x"), expected)
        }
    }

    func testStringArrayRoundTripsThroughOurDecoder() throws {
        let values = ["a b", "NULL", "", #"x"y\z"#, "中文,逗号"]
        let connection = try connect()
        let row = try XCTUnwrap(connection.query(PostgresQuery("SELECT $1::text[] AS a, $2::text[] AS e", [values, [String]()])).first)
        XCTAssertEqual(try row.stringArray("a"), values)
        XCTAssertEqual(try row.stringArray("e"), [])
    }

    func testDateIsSentAsUTCWithMicroseconds() throws {
        let date = Date(timeIntervalSince1970: 1_767_607_200.123456)   // 2026-01-05 10:00:00.123456 UTC
        XCTAssertEqual(date.postgresText, "2026-01-05 10:00:00.123456+00")
        let row = try XCTUnwrap(connect().query(PostgresQuery(
            "SELECT to_char($1::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS t, $1::timestamptz AS d", [date]
        )).first)
        XCTAssertEqual(try row.string("t"), "2026-01-05 10:00:00.123456")
        XCTAssertEqual(try row.date("d").timeIntervalSince1970, date.timeIntervalSince1970, accuracy: 0.000_000_5)
    }

    func testDateBeforeEpochKeepsMicroseconds() throws {
        let date = Date(timeIntervalSince1970: -1.000_001)
        XCTAssertEqual(date.postgresText, "1969-12-31 23:59:58.999999+00")
        let row = try XCTUnwrap(connect().query(PostgresQuery("SELECT $1::timestamptz AS d", [date])).first)
        XCTAssertEqual(try row.date("d").timeIntervalSince1970, -1.000_001, accuracy: 0.000_000_5)
    }

    func testJSONIsSentAsTextAndCastInSQL() throws {
        let json = PostgresJSON(#"{"k": "中文 \"q\"", "n": [1, 2]}"#)
        let row = try XCTUnwrap(connect().query(PostgresQuery(
            "SELECT ($1::jsonb)->>'k' AS k, jsonb_array_length(($1::jsonb)->'n') AS n", [json]
        )).first)
        XCTAssertEqual(try row.string("k"), "中文 \"q\"")
        XCTAssertEqual(try row.int("n"), 2)
    }

    func testParameterWithNULByteIsRejectedBeforeSending() throws {
        let connection = try connect()
        XCTAssertThrowsError(try connection.query(PostgresQuery("SELECT $1::text", ["a\0b"]))) { error in
            XCTAssertEqual((error as? PostgresError)?.sqlState, "22021")
        }
        XCTAssertEqual(try connection.query(PostgresQuery("SELECT 1 AS one")).first?.int("one"), 1)
    }

    func testParametersAreNeverInterpretedAsSQL() throws {
        let connection = try connect()
        try connection.execute(PostgresQuery("CREATE TABLE victims (name text)"))
        let attack = "x'); DROP TABLE victims; --"
        XCTAssertEqual(try connection.execute(PostgresQuery("INSERT INTO victims (name) VALUES ($1)", [attack])), 1)
        XCTAssertEqual(try connection.query(PostgresQuery("SELECT name FROM victims")).first?.string("name"), attack)
    }
}
