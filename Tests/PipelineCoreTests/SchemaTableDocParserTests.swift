import XCTest
@testable import PipelineCore

/// What `TableDocParser` reads from a `_detail.md` file.
final class SchemaTableDocParserTests: XCTestCase {
    func testFormatsExampleGivesEveryPart() {
        let doc = TableDocParser.parse(SchemaTableDocumentReaderTests.formatsDoc)
        XCTAssertEqual(doc.heading, "bss_company（高速公路服务区公司信息表）")
        XCTAssertEqual(doc.tableComment(displayName: "bss_company"), SchemaFixtures.companyComment)
        XCTAssertEqual(doc.columns, [
            TableDoc.Column(name: "id", dataType: "varchar(32)", comment: "公司唯一标识符", flags: ["主键", "非空"],
                            samples: ["30675d85ba5044c31acfa243b9d16334", "47ed0bb37f5a85f3d9245e4854959b81"]),
            TableDoc.Column(name: "company_no", dataType: "varchar(255)", comment: "公司编码", samples: ["H03", "H02"]),
            TableDoc.Column(name: "delete_ts", dataType: "timestamp", comment: "删除时间"),
        ])
        XCTAssertEqual(doc.primaryKey, ["id"])
        XCTAssertEqual(doc.enumValues, ["company_no": ["H01", "H02", "H03", "H04", "H05", "H06", "H07", "H08", "Q01"]])
    }

    func testTypeWithParenthesesAndSpacesIsReadWhole() {
        let column = TableDocParser.column("amount (numeric(10,2)) - 金额", candidates: [])
        XCTAssertEqual(column.dataType, "numeric(10,2)")
        XCTAssertEqual(TableDocParser.column("t (timestamp with time zone)", candidates: []).dataType,
                       "timestamp with time zone")
    }

    func testKnownColumnNameContainingAParenthesisIsRecognised() {
        let column = TableDocParser.column("amount (CNY) (numeric) - 金额", candidates: ["amount (CNY)", "amount"])
        XCTAssertEqual(column.name, "amount (CNY)")
        XCTAssertEqual(column.dataType, "numeric")
        XCTAssertEqual(column.comment, "金额")
    }

    func testBracketsInACommentStayInTheComment() {
        let column = TableDocParser.column("a (text) - 状态 [已废弃] [非空] [示例: x, y]", candidates: [])
        XCTAssertEqual(column.comment, "状态 [已废弃]")
        XCTAssertEqual(column.flags, ["非空"])
        XCTAssertEqual(column.samples, ["x", "y"])
    }

    func testCommentStartingWithADashKeepsIt() {
        XCTAssertEqual(TableDocParser.column("flag (smallint) - -1表示无效", candidates: []).comment, "-1表示无效")
    }

    func testSampleContainingTheSeparatorComesBackAsTwoValues() {
        XCTAssertEqual(TableDocParser.column("a (text) [示例: 北京, 朝阳, 上海]", candidates: []).samples,
                       ["北京", "朝阳", "上海"])
    }

    func testForeignKeyTargetsInEveryWrittenForm() {
        func target(_ text: String) -> (TableReference, [String])? { TableDocParser.foreignKeyTarget(Substring(text)) }
        XCTAssertEqual(target("t.id")?.0, TableReference(schema: "public", name: "t"))
        XCTAssertEqual(target("t.id")?.1, ["id"])
        XCTAssertEqual(target("ods.t.id")?.0, TableReference(schema: "ods", name: "t"))
        XCTAssertEqual(target("ods.t.id")?.1, ["id"])
        XCTAssertEqual(target("ods.t(x, y)")?.0, TableReference(schema: "ods", name: "t"))
        XCTAssertEqual(target("ods.t(x, y)")?.1, ["x", "y"])
        XCTAssertEqual(target("t")?.0, TableReference(schema: "public", name: "t"))
        XCTAssertEqual(target("t")?.1, [])
        // The column is after the last dot even when the table's name has spaces.
        XCTAssertEqual(target("ods.Order Items.Order Id")?.0, TableReference(schema: "ods", name: "Order Items"))
        XCTAssertEqual(target("ods.Order Items.Order Id")?.1, ["Order Id"])
        // Quotes typed by hand are read as SQL.
        XCTAssertEqual(target("ods.\"a.b\".\"Id\"")?.0, TableReference(schema: "ods", name: "a.b"))
        XCTAssertEqual(target("ods.\"a.b\".\"Id\"")?.1, ["Id"])
    }

    func testUnknownLinesArePassedOver() {
        let doc = TableDocParser.parse("""
        ## t（数据表）
        t 表
        一些说明文字
        字段列表：
        - a (text)
        字段补充说明：
        - 数据每日更新
        - a 存储JSON格式数据
        - b 使用 UUID 编码
        """)
        XCTAssertEqual(doc.columns.map(\.name), ["a"])
        XCTAssertEqual(doc.jsonColumns, ["a"])
        XCTAssertEqual(doc.uuidColumns, ["b"])
        XCTAssertEqual(doc.primaryKey, [])
        XCTAssertEqual(doc.foreignKeys, [])
    }

    func testTableCommentFallsBackToTheTextAfterTheFirstTableWord() {
        let doc = TableDocParser.parse("## old（订单）\nold 表订单表\n字段列表：\n")
        XCTAssertEqual(doc.tableComment(displayName: "new"), "订单表")
        XCTAssertNil(TableDocParser.parse("## t（数据表）\nt 表\n").tableComment(displayName: "t"))
    }
}
