import XCTest
@testable import PipelineCore

final class SchemaTableDocFormatterTests: XCTestCase {
    private typealias F = SchemaFixtures

    func testFormatsExampleIsReproducedExactly() {
        let expected = """
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
        XCTAssertEqual(TableDocFormatter.format(F.companyForDoc), expected)
    }

    func testTableWithoutCommentIsHeadedAsDataTable() {
        let table = F.table("t", columns: [F.column("a", "text")])
        XCTAssertEqual(TableDocFormatter.format(table), "## t（数据表）\nt 表\n字段列表：\n- a (text)\n")
    }

    func testNonPublicTableKeepsItsSchema() {
        let table = F.table("orders", schema: "ods", comment: "订单表", columns: [])
        XCTAssertTrue(TableDocFormatter.format(table).hasPrefix("## ods.orders（订单表）\nods.orders 表订单表\n"))
    }

    func testChineseTableNameIsWrittenUnquoted() {
        let table = F.table("门店评价", comment: "门店评价表，记录顾客评价", columns: [])
        XCTAssertTrue(TableDocFormatter.format(table).hasPrefix("## 门店评价（门店评价表）\n门店评价 表门店评价表，记录顾客评价\n"))
    }

    func testFlagsAreListedInOrderPrimaryForeignNotNull() {
        let table = F.table("t", columns: [
            F.column("company_id", "varchar(32)", notNull: true, comment: "公司ID", primaryKey: true, foreignKey: true),
        ], primaryKey: ["company_id"])
        XCTAssertTrue(TableDocFormatter.format(table).contains("- company_id (varchar(32)) - 公司ID [主键, 外键, 非空]\n"))
    }

    func testOrdinaryColumnShowsTwoSamplesCutToFiftyCharacters() {
        let long = String(repeating: "长", count: 60)
        let table = F.table("t", columns: [F.column("a", "text", samples: [long, "b", "c"])])
        let expected = "- a (text) [示例: \(String(repeating: "长", count: 50)), b]\n"
        XCTAssertTrue(TableDocFormatter.format(table).contains(expected))
    }

    func testEnumColumnShowsAllItsCollectedSamples() {
        let table = F.table("t", columns: [
            F.column("level", "varchar(4)", samples: ["A", "B", "C"], enumValues: ["A", "B", "C", "D"]),
        ])
        XCTAssertTrue(TableDocFormatter.format(table).contains("- level (varchar(4)) [示例: A, B, C]\n"))
    }

    func testSensitiveColumnShowsNoSamplesAndNoEnumValues() {
        let table = F.table("t", columns: [
            F.column("phone", "varchar(11)", comment: "电话", samples: ["13800000000", "13900000000"],
                     enumValues: ["13800000000"], sensitive: true),
        ])
        XCTAssertEqual(TableDocFormatter.format(table), "## t（数据表）\nt 表\n字段列表：\n- phone (varchar(11)) - 电话\n")
    }

    func testBinaryColumnShowsNoSamples() {
        let table = F.table("t", columns: [F.column("blob", "bytea", .binary, samples: ["\\x00ff"])])
        XCTAssertTrue(TableDocFormatter.format(table).contains("- blob (bytea)\n"))
    }

    func testMultiLineSamplesAreFlattened() {
        let table = F.table("t", columns: [F.column("a", "text", samples: ["x\ny", "z"])])
        XCTAssertTrue(TableDocFormatter.format(table).contains("- a (text) [示例: x y, z]\n"))
    }

    func testCompositePrimaryKeyNote() {
        let table = F.table("t", columns: [
            F.column("a", "integer", .integer, primaryKey: true), F.column("b", "integer", .integer, primaryKey: true),
        ], primaryKey: ["a", "b"])
        XCTAssertTrue(TableDocFormatter.format(table).hasSuffix("字段补充说明：\n- 复合主键：a, b\n"))
    }

    func testForeignKeyNotesNameTheirTarget() {
        let table = F.table("car", columns: [F.column("company_id", "varchar(32)"), F.column("area_id", "varchar(32)")],
                            foreignKeys: [
                                ForeignKeyReference(columns: ["company_id"],
                                                    target: TableReference(schema: "public", name: "bss_company"),
                                                    targetColumns: ["id"]),
                                ForeignKeyReference(columns: ["area_id"], target: TableReference(schema: "ods", name: "area"),
                                                    targetColumns: ["id"]),
                            ])
        let doc = TableDocFormatter.format(table)
        XCTAssertTrue(doc.contains("- company_id (varchar(32)) [外键]\n"))
        XCTAssertTrue(doc.hasSuffix("字段补充说明：\n- company_id 关联 bss_company.id\n- area_id 关联 ods.area.id\n"))
    }

    func testEnumNoteListsAtMostTwentyValues() {
        let values = (1...25).map { "v\($0)" }
        let table = F.table("t", columns: [F.column("code", "text", enumValues: values)])
        let expected = "- code 为枚举字段，包含取值：" + values.prefix(20).joined(separator: "、") + "\n"
        XCTAssertTrue(TableDocFormatter.format(table).hasSuffix(expected))
    }

    func testJSONAndUUIDColumnsGetNotes() {
        let table = F.table("t", columns: [F.column("uid", "uuid", .uuid), F.column("extra", "jsonb", .json)])
        XCTAssertTrue(TableDocFormatter.format(table).hasSuffix(
            "字段补充说明：\n- extra 存储JSON格式数据\n- uid 使用 UUID 编码\n"))
    }

    func testViewHasNoPrimaryKeyFlagsOrNote() {
        let view = F.table("v", kind: .view, columns: [F.column("id", "integer", .integer, primaryKey: true)],
                           primaryKey: ["id"])
        XCTAssertEqual(TableDocFormatter.format(view), "## v（数据表）\nv 表\n字段列表：\n- id (integer)\n")
    }

    func testMultiLineCommentsAreFlattened() {
        let table = F.table("t", comment: "订单表\n记录订单", columns: [F.column("a", "text", comment: "甲\n乙")])
        XCTAssertEqual(TableDocFormatter.format(table), "## t（订单表 记录订单）\nt 表订单表 记录订单\n字段列表：\n- a (text) - 甲 乙\n")
    }

    func testDocumentHasNoBlankLines() {
        XCTAssertFalse(TableDocFormatter.format(F.companyForDoc).contains("\n\n"))
    }
}
