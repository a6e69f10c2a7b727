import XCTest
@testable import PipelineCore

/// `TableDocumentReader.read` on files as FORMATS.md shows them and as people edit them.
final class SchemaTableDocumentReaderTests: XCTestCase {
    /// FORMATS.md §1, verbatim.
    static let formatsDDL = """
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

    /// FORMATS.md §2, verbatim.
    static let formatsDoc = """
    ## bss_company（高速公路服务区公司信息表）
    bss_company 表高速公路服务区公司信息表，存储服务区所属公司的基本信息及变更记录。
    字段列表：
    - id (varchar(32)) - 公司唯一标识符 [主键, 非空] [示例: 30675d85ba5044c31acfa243b9d16334, 47ed0bb37f5a85f3d9245e4854959b81]
    - company_no (varchar(255)) - 公司编码 [示例: H03, H02]
    - delete_ts (timestamp) - 删除时间
    字段补充说明：
    - id 为主键
    - company_no 为枚举字段，包含取值：H01、H02、H03、H04、H05、H06、H07、H08、Q01

    """

    func testFormatsDDLExampleReadsAsItsTable() throws {
        let table = try TableDocumentReader.read(ddl: Self.formatsDDL, detail: nil)
        XCTAssertEqual(table.reference, TableReference(schema: "public", name: "bss_company"))
        XCTAssertEqual(table.kind, .table)
        XCTAssertEqual(table.comment, SchemaFixtures.companyComment)
        XCTAssertEqual(table.primaryKey, ["id"])
        XCTAssertEqual(table.columns.map(\.name), ["id", "version", "company_name", "company_no"])
        XCTAssertEqual(table.columns.map(\.dataType), ["varchar(32)", "integer", "varchar(255)", "varchar(255)"])
        XCTAssertEqual(table.columns.map(\.category), [.text, .integer, .text, .text])
        XCTAssertEqual(table.columns.map(\.notNull), [true, true, false, false])
        XCTAssertEqual(table.columns.map(\.comment), ["公司唯一标识符", "数据版本号", "公司名称", "公司编码"])
        XCTAssertEqual(table.columns.map(\.isPrimaryKey), [true, false, false, false])
        XCTAssertEqual(table.columns.map(\.position), [1, 2, 3, 4])
    }

    func testFormatsDocumentExampleAddsSamplesAndEnumValuesToTheDDLColumns() throws {
        let table = try TableDocumentReader.read(ddl: Self.formatsDDL, detail: Self.formatsDoc)
        let id = table.columns[0]
        XCTAssertEqual(id.samples, ["30675d85ba5044c31acfa243b9d16334", "47ed0bb37f5a85f3d9245e4854959b81"])
        XCTAssertNil(id.enumValues)
        let companyNo = table.columns[3]
        XCTAssertEqual(companyNo.samples, ["H03", "H02"])
        XCTAssertEqual(companyNo.enumValues, ["H01", "H02", "H03", "H04", "H05", "H06", "H07", "H08", "Q01"])
        XCTAssertEqual(table.comment, SchemaFixtures.companyComment)
    }

    func testDocumentColumnsMissingFromTheDDLAreNotAdded() throws {
        let table = try TableDocumentReader.read(ddl: Self.formatsDDL, detail: Self.formatsDoc)
        XCTAssertFalse(table.columns.contains { $0.name == "delete_ts" })
    }

    func testUpperCaseKeywordsAndUnquotedNamesFoldToLowerCase() throws {
        let table = try TableDocumentReader.read(ddl: """
        CREATE TABLE Sales.Orders (
          ID BIGINT NOT NULL -- 订单ID,
          Amount NUMERIC (10, 2) DEFAULT 0 -- 金额,
          PRIMARY KEY (ID)
        );
        """, detail: nil)
        XCTAssertEqual(table.reference, TableReference(schema: "sales", name: "orders"))
        XCTAssertEqual(table.columns.map(\.name), ["id", "amount"])
        XCTAssertEqual(table.columns.map(\.dataType), ["bigint", "numeric(10,2)"])
        XCTAssertEqual(table.columns[1].defaultValue, "0")
        XCTAssertEqual(table.primaryKey, ["id"])
    }

    func testCRLFLineEndingsReadLikeNewlines() throws {
        let crlfDDL = Self.formatsDDL.replacingOccurrences(of: "\n", with: "\r\n")
        let crlfDoc = Self.formatsDoc.replacingOccurrences(of: "\n", with: "\r\n")
        XCTAssertEqual(try TableDocumentReader.read(ddl: crlfDDL, detail: crlfDoc),
                       try TableDocumentReader.read(ddl: Self.formatsDDL, detail: Self.formatsDoc))
    }

    func testColumnAddedByHandIsReadInItsPlaceWithItsDDLComment() throws {
        let edited = Self.formatsDDL.replacingOccurrences(
            of: "  company_no varchar(255)     -- 公司编码,\n",
            with: "  company_no varchar(255)     -- 公司编码,\n  region_code char(6) not null default '000000' -- 区域编码,\n")
        let table = try TableDocumentReader.read(ddl: edited, detail: Self.formatsDoc)
        XCTAssertEqual(table.columns.map(\.name), ["id", "version", "company_name", "company_no", "region_code"])
        let added = table.columns[4]
        XCTAssertEqual(added.position, 5)
        XCTAssertEqual(added.dataType, "char(6)")
        XCTAssertEqual(added.category, .text)
        XCTAssertTrue(added.notNull)
        XCTAssertEqual(added.defaultValue, "'000000'")
        XCTAssertEqual(added.comment, "区域编码")
        XCTAssertEqual(added.samples, [])
    }

    func testDDLWithoutCreateTableIsRefusedSayingSo() {
        XCTAssertThrowsError(try TableDocumentReader.read(ddl: "-- 中文名: 订单\n  id bigint,\n", detail: nil)) { error in
            XCTAssertEqual("\(error)", "DDL文件中没有找到 create table 语句")
        }
    }

    func testDocumentWithoutNotesSectionStillGivesCommentsAndSamples() throws {
        let doc = """
        ## bss_company（公司表）
        bss_company 表公司表
        字段列表：
        - id (varchar(32)) - 公司ID [主键, 非空] [示例: a1, a2]
        - version (integer) - 版本
        """
        let table = try TableDocumentReader.read(ddl: Self.formatsDDL, detail: doc)
        XCTAssertEqual(table.comment, "公司表")
        XCTAssertEqual(table.columns.map(\.comment), ["公司ID", "版本", "公司名称", "公司编码"])
        XCTAssertEqual(table.columns[0].samples, ["a1", "a2"])
        XCTAssertEqual(table.primaryKey, ["id"])
        XCTAssertTrue(table.columns.allSatisfy { $0.enumValues == nil })
        XCTAssertEqual(table.foreignKeys, [])
    }

    func testDocumentCommentWinsOverADifferentDDLComment() throws {
        let doc = "## bss_company（x）\nbss_company 表x\n字段列表：\n- company_name (varchar(255)) - 公司全称\n"
        let table = try TableDocumentReader.read(ddl: Self.formatsDDL, detail: doc)
        XCTAssertEqual(table.columns[2].comment, "公司全称")
    }

    func testDDLCommentStaysWhenTheDocumentHasNone() throws {
        let doc = "## bss_company（数据表）\nbss_company 表\n字段列表：\n- company_name (varchar(255))\n"
        let table = try TableDocumentReader.read(ddl: Self.formatsDDL, detail: doc)
        XCTAssertEqual(table.columns[2].comment, "公司名称")
        XCTAssertEqual(table.comment, SchemaFixtures.companyComment)
    }

    func testDocumentTableCommentWinsOverTheDDLDescription() throws {
        let doc = "## bss_company（公司）\nbss_company 表公司，已改写\n字段列表：\n"
        XCTAssertEqual(try TableDocumentReader.read(ddl: Self.formatsDDL, detail: doc).comment, "公司，已改写")
    }

    func testDocumentGivesTheTableCommentWhenTheDDLHasNone() throws {
        let ddl = "-- 中文名: t\ncreate table public.t (\n  a text\n);\n"
        let doc = "## t（订单表）\nt 表订单表，记录订单\n字段列表：\n- a (text)\n"
        XCTAssertEqual(try TableDocumentReader.read(ddl: ddl, detail: doc).comment, "订单表，记录订单")
        XCTAssertNil(try TableDocumentReader.read(ddl: ddl, detail: nil).comment)
    }

    func testChineseNameTypedByHandWithoutDescriptionIsTheComment() throws {
        let ddl = "-- 中文名: 订单表\ncreate table t (\n  a text\n);\n"
        XCTAssertEqual(try TableDocumentReader.read(ddl: ddl, detail: nil).comment, "订单表")
    }

    func testTypeLinesGiveViewAndMaterializedView() throws {
        let view = "-- 类型: 视图\n-- 中文名: v\ncreate table public.v (\n  a text\n);\n"
        let materialized = "-- 类型：物化视图\ncreate table public.mv (\n  a text\n);\n"
        XCTAssertEqual(try TableDocumentReader.read(ddl: view, detail: nil).kind, .view)
        XCTAssertEqual(try TableDocumentReader.read(ddl: materialized, detail: nil).kind, .materializedView)
    }

    func testNameWithoutSchemaIsInPublic() throws {
        let table = try TableDocumentReader.read(ddl: "create table \"门店评价\" (\n  a text\n);", detail: nil)
        XCTAssertEqual(table.reference, TableReference(schema: "public", name: "门店评价"))
    }

    func testForeignKeyNotesOfTheDocumentBecomeForeignKeysAndFlagTheirColumns() throws {
        let ddl = "create table public.car (\n  company_id varchar(32) -- 公司ID,\n  a integer,\n  b integer\n);\n"
        let doc = """
        ## car（数据表）
        car 表
        字段列表：
        - company_id (varchar(32)) - 公司ID
        字段补充说明：
        - company_id 关联 bss_company.id
        - a, b 关联 ods.pair(x, y)
        - gone 关联 t.id
        """
        let table = try TableDocumentReader.read(ddl: ddl, detail: doc)
        XCTAssertEqual(table.foreignKeys, [
            ForeignKeyReference(columns: ["company_id"], target: TableReference(schema: "public", name: "bss_company"),
                                targetColumns: ["id"]),
            ForeignKeyReference(columns: ["a", "b"], target: TableReference(schema: "ods", name: "pair"),
                                targetColumns: ["x", "y"]),
        ])
        XCTAssertEqual(table.columns.map(\.isForeignKey), [true, true, true])
    }

    func testPrimaryKeyComesFromTheDocumentOnlyWhenTheDDLHasNone() throws {
        let ddl = "create table public.t (\n  a integer,\n  b integer\n);\n"
        let doc = "## t（数据表）\nt 表\n字段列表：\n- a (integer)\n- b (integer)\n字段补充说明：\n- 复合主键：a, b\n"
        XCTAssertEqual(try TableDocumentReader.read(ddl: ddl, detail: doc).primaryKey, ["a", "b"])
        let withKey = "create table public.t (\n  a integer,\n  b integer,\n  primary key (b)\n);\n"
        XCTAssertEqual(try TableDocumentReader.read(ddl: withKey, detail: doc).primaryKey, ["b"])
    }

    func testDocumentFlagsDoNotOverrideTheDDL() throws {
        let ddl = "create table public.t (\n  a integer,\n  b integer not null\n);\n"
        let doc = "## t（数据表）\nt 表\n字段列表：\n- a (integer) [非空]\n- b (integer)\n"
        let table = try TableDocumentReader.read(ddl: ddl, detail: doc)
        XCTAssertEqual(table.columns.map(\.notNull), [false, true])
    }

    func testDocumentNamesMatchDDLColumnsIgnoringCaseWhenUnambiguous() throws {
        let ddl = "create table public.t (\n  OrderNo text -- 旧注释\n);\n"
        let doc = "## t（数据表）\nt 表\n字段列表：\n- OrderNo (text) - 订单号 [示例: A1]\n"
        let column = try TableDocumentReader.read(ddl: ddl, detail: doc).columns[0]
        XCTAssertEqual(column.name, "orderno")
        XCTAssertEqual(column.comment, "订单号")
        XCTAssertEqual(column.samples, ["A1"])
    }

    func testJSONNoteGivesTheCategoryOfAUserType() throws {
        let ddl = "create table public.t (\n  doc payload_json\n);\n"
        let doc = "## t（数据表）\nt 表\n字段列表：\n- doc (payload_json)\n字段补充说明：\n- doc 存储JSON格式数据\n"
        XCTAssertEqual(try TableDocumentReader.read(ddl: ddl, detail: nil).columns[0].category, .other)
        XCTAssertEqual(try TableDocumentReader.read(ddl: ddl, detail: doc).columns[0].category, .json)
    }
}
