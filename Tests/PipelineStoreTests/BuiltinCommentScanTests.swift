import Foundation
import PipelineCore
@testable import PipelineProviders
import Postgres
import TestSupport
import XCTest

/// No `.ddl` comment the built-in provider writes holds a Latin word fragment (QUALITY.md "comments": a lower-case
/// Latin word of three or more letters), on hundreds of synthetic names of many domains and on the sample database
/// with its comments removed; and audit columns are never listed as enumerations.
final class BuiltinCommentScanTests: XCTestCase {
    var database: TestDatabase?

    override func tearDown() {
        database?.drop()
    }

    private let categories: [ColumnCategory] = [.text, .integer, .decimal, .timestamp, .date, .boolean, .json, .uuid]
    private let contexts = ["", "高速公路服务区管理系统", "零售门店经营分析", "retail analytics platform"]

    func test_syntheticNames_giveNoLatinWordInAnyDDLComment() throws {
        var scan = LatinScan()
        for (offset, tableName) in SyntheticSchemaNames.tables.enumerated() {
            let names = SyntheticSchemaNames.columns
            let columns = names.enumerated().map { index, name in
                let category = categories[(index + offset) % categories.count]
                return ColumnDescription(name: name, position: index + 1, dataType: category.rawValue, category: category,
                                         isForeignKey: name.hasSuffix("_id") && index % 2 == 0)
            }
            let keys = [ForeignKeyReference(columns: ["cust_id"], target: TableReference(schema: "public", name: "customers"),
                                            targetColumns: ["id"])]
            let table = TableDescription(reference: TableReference(schema: "public", name: tableName), kind: .table,
                                         columns: columns, foreignKeys: keys)
            let context = contexts[offset % contexts.count]
            let generated = try BuiltinLLM().generateComments(TableCommentRequest(table: table, businessContext: context))
            XCTAssertEqual(generated.columnComments.count, names.count)
            let ddl = DDLFormatter.format(table.filling(generated))
            if offset == 0, ProcessInfo.processInfo.environment["DP_PRINT_COMMENTS"] != nil { print(ddl) }
            scan.add(Self.comments(inDDL: ddl), of: tableName)
        }
        scan.assertClean("synthetic names: .ddl comments", atLeast: 20_000)
    }

    func test_highwaySample_withoutComments_givesNoLatinWordInAnyDDLComment() throws {
        let database = try TestDatabase(prefix: "dp_comment_scan")
        self.database = database
        try SampleDatabases.loadHighway(into: database)
        try Self.removeComments(database)
        let tables = try SampleDatabases.documentedTables(in: database)
        XCTAssertGreaterThanOrEqual(tables.count, 10)
        var scan = LatinScan()
        for table in tables {
            if ProcessInfo.processInfo.environment["DP_PRINT_COMMENTS"] != nil { print(DDLFormatter.format(table)) }
            scan.add(Self.comments(inDDL: DDLFormatter.format(table)), of: table.reference.name)
        }
        scan.assertClean("highway_db without comments: .ddl comments", atLeast: 100)
        let mapper = tables.first { $0.reference.name == "bss_service_area_mapper" }
        XCTAssertEqual(mapper?.comment, "高速公路服务区管理系统中的服务区映射表")
        let branch = tables.first { $0.reference.name == "bss_branch" }
        XCTAssertEqual(branch?.columns.first { $0.name == "classify" }?.comment, "分类")
    }

    func test_awkwardNames_giveNoLatinWordInAnyGeneratedComment() throws {
        let database = try TestDatabase(prefix: "dp_comment_scan_awkward")
        self.database = database
        try SampleDatabases.loadAwkwardNames(into: database)
        var scan = LatinScan()
        for table in try SampleDatabases.documentedTables(in: database) {
            // Comments the database already had are the user's and win as they are; only generated ones count.
            let generated = [table.existingComment == nil ? table.comment : nil]
                + table.columns.map { $0.existingComment == nil ? $0.comment : nil }
            scan.add(generated.compactMap { $0 }, of: table.reference.name)
        }
        scan.assertClean("awkward names: generated comments", atLeast: 40)
    }

    func test_auditColumns_areNeverListedAsEnumerations() throws {
        let database = try TestDatabase(prefix: "dp_audit_enums")
        self.database = database
        try SampleDatabases.loadHighway(into: database)
        let tables = try SampleDatabases.documentedTables(in: database)
        var enumColumns: [String] = []
        for table in tables {
            for column in table.columns where !(column.enumValues ?? []).isEmpty {
                enumColumns.append("\(table.reference.name).\(column.name)")
                XCTAssertFalse(AuditColumnName.matches(column.name), "\(table.reference.name).\(column.name)")
                let document = TableDocFormatter.format(table)
                XCTAssertTrue(document.contains("- \(column.name) 为枚举字段"), column.name)
            }
            let notes = TableDocFormatter.format(table).split(separator: "\n").filter { $0.contains("为枚举字段") }
            for line in notes {
                let name = line.dropFirst(2).prefix { $0 != " " }
                XCTAssertFalse(AuditColumnName.matches(String(name)), String(line))
            }
        }
        print("enumerations on highway_db: \(enumColumns.sorted())")
        XCTAssertTrue(enumColumns.contains("bss_car_day_count.car_type"), "business enumerations are still found")
    }

    func test_auditColumnNames() {
        for name in ["version", "revision", "row_version", "created_by", "updated_by", "create_ts", "update_ts",
                     "delete_ts", "deleted", "is_deleted", "del_flag", "createdBy", "gmt_modified", "last_update_time",
                     "modified_by", "create_user", "etl_time", "createtime", "isdel"] {
            XCTAssertTrue(AuditColumnName.matches(name), name)
        }
        for name in ["status", "car_type", "source_type", "company_no", "app_version_name", "update_reason", "state"] {
            XCTAssertFalse(AuditColumnName.matches(name), name)
        }
        let version = ColumnDescription(name: "version", position: 1, dataType: "integer", category: .integer)
        let creator = ColumnDescription(name: "created_by", position: 2, dataType: "varchar(50)", category: .text)
        let state = ColumnDescription(name: "service_state", position: 3, dataType: "varchar(50)", category: .text)
        XCTAssertFalse(EnumDetector.isCandidate(version))
        XCTAssertFalse(EnumDetector.isCandidate(creator))
        XCTAssertTrue(EnumDetector.isCandidate(state))
    }

    /// The comment of every line of a `.ddl` file: the table lines' text and each column's `-- …`.
    static func comments(inDDL ddl: String) -> [String] {
        ddl.split(separator: "\n").compactMap { line in
            guard let range = line.range(of: "-- ") else { return nil }
            return String(line[range.upperBound...])
        }
    }

    /// Drops every table and column comment of the public schema (a database nobody documented).
    static func removeComments(_ database: TestDatabase) throws {
        _ = try database.connect().execute(PostgresQuery(unsafeSQL: """
            DO $$
            DECLARE r record;
            BEGIN
                FOR r IN SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') LOOP
                    EXECUTE format('COMMENT ON TABLE public.%I IS NULL', r.relname);
                END LOOP;
                FOR r IN SELECT c.relname, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                         WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND a.attnum > 0
                           AND NOT a.attisdropped LOOP
                    EXECUTE format('COMMENT ON COLUMN public.%I.%I IS NULL', r.relname, r.attname);
                END LOOP;
            END $$
            """))
    }
}

/// Counts the comments scanned and keeps those that hold a lower-case Latin word of three or more letters.
private struct LatinScan {
    var scanned = 0
    var fragments: [String] = []

    mutating func add(_ comments: [String], of table: String) {
        scanned += comments.count
        fragments += comments.filter { LatinWords.containsLowercaseWord($0) }.map { "\(table): \($0)" }
    }

    func assertClean(_ label: String, atLeast minimum: Int, file: StaticString = #filePath, line: UInt = #line) {
        print("\(label): \(scanned) scanned, \(fragments.count) with a Latin word")
        XCTAssertGreaterThanOrEqual(scanned, minimum, file: file, line: line)
        XCTAssertEqual(fragments, [], file: file, line: line)
    }
}
