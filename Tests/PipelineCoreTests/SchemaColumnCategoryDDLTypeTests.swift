import XCTest
@testable import PipelineCore

/// `ColumnCategory(ddlType:)`: the type family of a type as a DDL file spells it.
final class SchemaColumnCategoryDDLTypeTests: XCTestCase {
    private func assertCategory(_ category: ColumnCategory, _ types: [String], file: StaticString = #filePath,
                                line: UInt = #line) {
        for type in types {
            XCTAssertEqual(ColumnCategory(ddlType: type), category, type, file: file, line: line)
        }
    }

    func testTextTypes() {
        assertCategory(.text, ["varchar(32)", "char(6)", "text", "character varying(20)", "character", "VARCHAR"])
    }

    func testIntegerTypes() {
        assertCategory(.integer, ["smallint", "integer", "bigint", "int", "int2", "int4", "int8", "serial", "bigserial"])
    }

    func testDecimalTypes() {
        assertCategory(.decimal, ["numeric(19,4)", "numeric", "decimal(10, 2)", "real", "double precision", "float",
                                  "float8", "money"])
    }

    func testDateAndTimeTypes() {
        assertCategory(.date, ["date"])
        assertCategory(.timestamp, ["timestamp", "timestamptz", "timestamp with time zone", "timestamp(3)",
                                    "timestamp(6) without time zone"])
        assertCategory(.time, ["time", "timetz", "time(3) with time zone"])
    }

    func testOtherFamilies() {
        assertCategory(.boolean, ["boolean", "bool"])
        assertCategory(.json, ["json", "jsonb"])
        assertCategory(.uuid, ["uuid"])
        assertCategory(.binary, ["bytea"])
        assertCategory(.network, ["inet", "cidr", "macaddr"])
    }

    func testAnythingEndingInBracketsIsAnArray() {
        assertCategory(.array, ["text[]", "varchar(20)[]", "integer[][]", "\"My Type\"[]", "int[3]", "integer array"])
    }

    func testUserTypesAndUnknownTypesAreOther() {
        assertCategory(.other, ["\"MoodType\"", "mood", "public.mood", "interval", "\"text\"", "tsvector"])
    }
}
