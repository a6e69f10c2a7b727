@testable import PipelineCore

/// Tables for the round-trip tests of `TableDocumentReader`: every feature the two files carry at least once.
enum SchemaReaderFixtures {
    private typealias F = SchemaFixtures

    static let bssCompany = TableReference(schema: "public", name: "bss_company")

    static let view = F.table("v_company", kind: .view, comment: "公司视图，只含有效公司", columns: [
        F.column("id", "varchar(32)", comment: "公司ID", primaryKey: true, position: 1),
        F.column("name", "text", comment: "名称", samples: ["甲公司", "乙公司", "丙公司"], position: 2),
    ], primaryKey: ["id"])

    static let materializedView = F.table("mv_daily", schema: "report", kind: .materializedView, columns: [
        F.column("day", "date", .date, comment: "日期", position: 1),
        F.column("total", "numeric(19,4)", .decimal, position: 2),
    ])

    /// Composite primary key, composite and single foreign keys (one to another schema), a marked key column
    /// without a known target, an enum column and a column without comment.
    static let orderLine = F.table("order_line", comment: "订单明细表。每行一个商品", columns: [
        F.column("order_id", "bigint", .integer, notNull: true, comment: "订单ID", primaryKey: true, position: 1),
        F.column("line_no", "integer", .integer, notNull: true, comment: "行号", primaryKey: true, position: 2),
        F.column("company_id", "varchar(32)", comment: "公司ID", position: 3),
        F.column("sku_id", "bigint", .integer, foreignKey: true, position: 4),
        F.column("status", "varchar(8)", notNull: true, default: "'new'", comment: "状态",
                 samples: ["new", "paid", "done"], enumValues: ["new", "paid", "done", "void"], position: 5),
        F.column("amount", "numeric(10,2)", .decimal, default: "0", samples: ["12.50", "3.00", "7.25"], position: 6),
    ], primaryKey: ["order_id", "line_no"], foreignKeys: [
        ForeignKeyReference(columns: ["order_id", "line_no"], target: TableReference(schema: "ods", name: "order_line"),
                            targetColumns: ["order_id", "line_no"]),
        ForeignKeyReference(columns: ["company_id"], target: bssCompany, targetColumns: ["id"]),
    ])

    /// Names PostgreSQL needs quoted: Chinese, mixed case, a reserved word, a space, an embedded quote.
    static let quotedNames = F.table("门店评价", comment: "门店评价表，记录顾客评价", columns: [
        F.column("评价ID", "bigint", .integer, notNull: true, comment: "评价编号", primaryKey: true, position: 1),
        F.column("StoreId", "integer", .integer, comment: "门店", position: 2),
        F.column("select", "text", comment: "选择", position: 3),
        F.column("Order Id", "uuid", .uuid, comment: "订单", position: 4),
        F.column("a\"b", "boolean", .boolean, default: "false", position: 5),
    ], primaryKey: ["评价ID"], foreignKeys: [
        ForeignKeyReference(columns: ["Order Id"], target: TableReference(schema: "ods", name: "Order Items"),
                            targetColumns: ["Order Id"]),
    ])

    /// Another schema, a quoted table name with a space, no table comment, types with spaces and arrays.
    static let orderItems = F.table("Order Items", schema: "ods", columns: [
        F.column("Order Id", "uuid", .uuid, notNull: true, default: "gen_random_uuid()", primaryKey: true, position: 1),
        F.column("placed_at", "timestamp with time zone", .timestamp, notNull: true, default: "current_timestamp",
                 comment: "下单时间", position: 2),
        F.column("weight", "double precision", .decimal, comment: "重量", position: 3),
        F.column("tags", "text[]", .array, default: "'{}'", comment: "标签", samples: ["{a,b}", "{c}"], position: 4),
        F.column("codes", "varchar(20)[]", .array, position: 5),
        F.column("payload", "jsonb", .json, comment: "原始报文", position: 6),
        F.column("mood", "\"MoodType\"", .other, comment: "心情", position: 7),
        F.column("opened", "timetz", .time, position: 8),
        F.column("host", "inet", .network, position: 9),
        F.column("blob", "bytea", .binary, comment: "附件", samples: ["\\x00ff"], position: 10),
    ], primaryKey: ["Order Id"])

    /// Defaults and comments that look like the syntax around them.
    static let trickyText = F.table("notes", comment: "备注表", columns: [
        F.column("title", "varchar(100)", notNull: true, default: "'hello world'", comment: "标题 [已废弃]", position: 1),
        F.column("body", "text", default: "'it''s -- not a comment, really'", comment: "正文 -- 全文", position: 2),
        F.column("flag", "smallint", .integer, default: "-1", comment: "-1表示无效，外键说明见文档", position: 3),
        F.column("phone", "varchar(20)", comment: "手机号", samples: ["13800000000"], sensitive: true, position: 4),
        F.column("created", "timestamp", .timestamp, default: "now() + '1 day'::interval", position: 5),
    ])

    static let all: [TableDescription] = [
        SchemaFixtures.companyForDDL, SchemaFixtures.companyForDoc, view, materializedView, orderLine, quotedNames,
        orderItems, trickyText,
    ]
}
