import XCTest
@testable import PipelineCore

final class SchemaDDLFormatterTests: XCTestCase {
    private typealias F = SchemaFixtures

    func testFormatsExampleIsReproducedExactly() {
        let expected = """
        -- 中文名: 高速公路服务区公司信息表
        -- 描述: 高速公路服务区公司信息表，存储服务区所属公司的基本信息及变更记录。
        create table public.bss_company (
          id varchar(32) not null     -- 公司唯一标识符，主键,
          version integer not null    -- 数据版本号,
          company_name varchar(255)   -- 公司名称,
          company_no varchar(255)     -- 公司编码,
          primary key (id)
        );

        """
        XCTAssertEqual(DDLFormatter.format(F.companyForDDL), expected)
    }

    func testTableWithoutCommentHasOnlyTheChineseNameLineWithTheTableName() {
        let table = F.table("t", columns: [F.column("a", "text", comment: "甲")])
        XCTAssertEqual(DDLFormatter.format(table), """
        -- 中文名: t
        create table public.t (
          a text                      -- 甲
        );

        """)
    }

    func testChineseNameIsTheCommentUpToTheFirstFullStopWhenThereIsNoComma() {
        let table = F.table("t", comment: "订单表。记录订单", columns: [])
        XCTAssertTrue(DDLFormatter.format(table).hasPrefix("-- 中文名: 订单表\n-- 描述: 订单表。记录订单\n"))
    }

    func testChineseNameIsTheWholeCommentWithoutSeparators() {
        let table = F.table("t", comment: "订单表", columns: [])
        XCTAssertTrue(DDLFormatter.format(table).hasPrefix("-- 中文名: 订单表\n-- 描述: 订单表\n"))
    }

    func testViewHasTypeLineFirstAndNoPrimaryKeyLine() {
        let view = F.table("v_company", kind: .view, comment: "公司视图", columns: [
            F.column("id", "varchar(32)", comment: "公司ID", primaryKey: true),
            F.column("name", "text", comment: "名称"),
        ], primaryKey: ["id"])
        XCTAssertEqual(DDLFormatter.format(view), """
        -- 类型: 视图
        -- 中文名: 公司视图
        -- 描述: 公司视图
        create table public.v_company (
          id varchar(32)              -- 公司ID,
          name text                   -- 名称
        );

        """)
    }

    func testMaterializedViewSaysSo() {
        let view = F.table("mv", kind: .materializedView, columns: [F.column("a", "integer", .integer)])
        XCTAssertTrue(DDLFormatter.format(view).hasPrefix("-- 类型: 物化视图\n-- 中文名: mv\n"))
    }

    func testCompositePrimaryKeyMarksBothColumnsAndListsThemInOrder() {
        let table = F.table("line", columns: [
            F.column("order_id", "bigint", .integer, notNull: true, comment: "订单ID", primaryKey: true),
            F.column("line_no", "integer", .integer, notNull: true, comment: "行号", primaryKey: true),
        ], primaryKey: ["order_id", "line_no"])
        XCTAssertEqual(DDLFormatter.format(table), """
        -- 中文名: line
        create table public.line (
          order_id bigint not null    -- 订单ID，主键,
          line_no integer not null    -- 行号，主键,
          primary key (order_id, line_no)
        );

        """)
    }

    func testForeignKeyColumnGetsTheMarkInsideTheComment() {
        let table = F.table("car", columns: [
            F.column("company_id", "varchar(32)", comment: "公司ID"),
        ], foreignKeys: [ForeignKeyReference(columns: ["company_id"], target: TableReference(schema: "public", name: "bss_company"),
                                             targetColumns: ["id"])])
        XCTAssertTrue(DDLFormatter.format(table).contains("  company_id varchar(32)      -- 公司ID，外键\n"))
    }

    func testLongDefinitionGetsOneSpaceBeforeTheComment() {
        let table = F.table("t", columns: [
            F.column("created_at", "timestamptz", .timestamp, notNull: true, default: "current_timestamp",
                     comment: "创建时间"),
        ])
        XCTAssertTrue(DDLFormatter.format(table).contains(
            "  created_at timestamptz not null default current_timestamp -- 创建时间\n"))
    }

    func testDefaultsAreWrittenAsGiven() {
        let table = F.table("t", columns: [
            F.column("status", "varchar(8)", notNull: true, default: "'active'", comment: "状态", position: 1),
            F.column("amount", "numeric(19,4)", .decimal, default: "0", position: 2),
            F.column("enabled", "boolean", .boolean, default: "true", position: 3),
        ])
        XCTAssertEqual(DDLFormatter.format(table), """
        -- 中文名: t
        create table public.t (
          status varchar(8) not null default 'active' -- 状态,
          amount numeric(19,4) default 0,
          enabled boolean default true
        );

        """)
    }

    func testColumnWithoutCommentHasNoCommentPart() {
        let table = F.table("t", columns: [F.column("a", "text"), F.column("b", "text")])
        XCTAssertTrue(DDLFormatter.format(table).contains("\n  a text,\n  b text\n);\n"))
    }

    func testPrimaryKeyMarkWithoutCommentStandsAlone() {
        let table = F.table("t", columns: [F.column("id", "bigint", .integer, notNull: true, primaryKey: true)],
                            primaryKey: ["id"])
        XCTAssertTrue(DDLFormatter.format(table).contains("  id bigint not null          -- 主键,\n"))
    }

    func testLengthNotesAreRemovedFromComments() {
        let table = F.table("t", comment: "订单表（10字）", columns: [F.column("a", "text", comment: "名称(15字)")])
        let ddl = DDLFormatter.format(table)
        XCTAssertTrue(ddl.hasPrefix("-- 中文名: 订单表\n-- 描述: 订单表\n"))
        XCTAssertTrue(ddl.contains("-- 名称\n"))
    }

    func testMultiLineCommentsAreFlattenedToOneLine() {
        let table = F.table("t", comment: "订单表，\n记录订单\r\n明细", columns: [
            F.column("a", "text", comment: "第一行\n第二行"),
        ])
        XCTAssertEqual(DDLFormatter.format(table), """
        -- 中文名: 订单表
        -- 描述: 订单表， 记录订单 明细
        create table public.t (
          a text                      -- 第一行 第二行
        );

        """)
    }

    func testMixedCaseTableNameIsQuoted() {
        let table = F.table("MemberPoints", columns: [F.column("points", "integer", .integer)])
        XCTAssertTrue(DDLFormatter.format(table).contains("create table public.\"MemberPoints\" (\n"))
    }

    func testChineseTableNameIsQuoted() {
        let table = F.table("门店评价", comment: "门店评价表", columns: [F.column("评分", "integer", .integer)])
        let ddl = DDLFormatter.format(table)
        XCTAssertTrue(ddl.contains("create table public.\"门店评价\" (\n"))
        XCTAssertTrue(ddl.contains("  \"评分\" integer\n"))
    }

    func testReservedWordColumnIsQuoted() {
        let table = F.table("t", columns: [F.column("order", "integer", .integer, comment: "排序")])
        XCTAssertTrue(DDLFormatter.format(table).contains("  \"order\" integer             -- 排序\n"))
    }

    func testColumnWithQuoteInItsNameHasTheQuoteDoubled() {
        let table = F.table("t", columns: [F.column("a\"b", "text"), F.column("ok", "text")],
                            primaryKey: ["a\"b"])
        let ddl = DDLFormatter.format(table)
        XCTAssertTrue(ddl.contains("  \"a\"\"b\" text"))
        XCTAssertTrue(ddl.contains("  primary key (\"a\"\"b\")\n"))
    }

    func testNonPublicSchemaIsWrittenWithTheTable() {
        let table = F.table("orders", schema: "ods", columns: [])
        XCTAssertEqual(DDLFormatter.format(table), "-- 中文名: orders\ncreate table ods.orders (\n);\n")
    }
}
