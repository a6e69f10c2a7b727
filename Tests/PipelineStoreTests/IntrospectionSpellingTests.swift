import PipelineCore
@testable import PipelineProviders
import XCTest

/// Type and default spellings of the DDL file (FORMATS.md §1), from what PostgreSQL prints.
final class IntrospectionSpellingTests: XCTestCase {
    func testFormatTypeOutputIsSpelledAsTheDDLFormatSays() {
        let cases: [(String, String)] = [
            ("character varying(32)", "varchar(32)"), ("character varying", "varchar"), ("character(2)", "char(2)"),
            ("character(1)", "char(1)"), ("numeric(19,4)", "numeric(19,4)"), ("numeric(10,0)", "numeric(10)"),
            ("numeric", "numeric"), ("timestamp without time zone", "timestamp"),
            ("timestamp(3) without time zone", "timestamp(3)"), ("timestamp with time zone", "timestamptz"),
            ("timestamp(0) with time zone", "timestamptz(0)"), ("time without time zone", "time"),
            ("time with time zone", "timetz"), ("double precision", "double precision"), ("real", "real"),
            ("integer", "integer"), ("bigint", "bigint"), ("smallint", "smallint"), ("boolean", "boolean"),
            ("text", "text"), ("date", "date"), ("json", "json"), ("jsonb", "jsonb"), ("uuid", "uuid"),
            ("bytea", "bytea"), ("inet", "inet"), ("interval", "interval"), ("character varying(20)[]", "varchar(20)[]"),
            ("integer[]", "integer[]"), ("timestamp without time zone[]", "timestamp[]"), ("order_state", "order_state"),
            ("ods.mood", "ods.mood"), ("\"MyType\"", "\"MyType\""), ("\"char\"", "\"char\""),
        ]
        for (formatted, expected) in cases {
            XCTAssertEqual(ColumnTypeSpelling.dataType(formatted: formatted), expected, formatted)
        }
    }

    func testDefaultsDropSequencesAndCastsAndSpellNowAsCurrentTimestamp() {
        let cases: [(String?, String?)] = [
            (nil, nil), ("nextval('t_id_seq'::regclass)", nil), ("'abc'::character varying", "'abc'"),
            ("0", "0"), ("0::numeric", "0"), ("'-1'::integer", "-1"), ("'1.5'::double precision", "1.5"),
            ("now()", "current_timestamp"), ("CURRENT_TIMESTAMP", "current_timestamp"), ("CURRENT_DATE", "current_date"),
            ("(now())::timestamp(0) with time zone", "current_timestamp"), ("'{}'::text[]", "'{}'"),
            ("'a'::order_state", "'a'"), ("'x'::ods.\"My Type\"", "'x'"), ("'it''s'::text", "'it''s'"),
            ("false", "false"), ("NULL::character varying", nil), ("gen_random_uuid()", "gen_random_uuid()"),
            ("('2024-01-01 00:00:00'::timestamp without time zone)", "'2024-01-01 00:00:00'"),
            ("(col1 + 2)", "col1 + 2"), ("'a'::text || 'b'::text", "'a' || 'b'"),
        ]
        for (expression, expected) in cases {
            XCTAssertEqual(DefaultValueNormalizer.normalize(expression), expected, expression ?? "nil")
        }
    }
}
