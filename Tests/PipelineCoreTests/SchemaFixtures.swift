@testable import PipelineCore

/// Small tables for the formatter tests; `bss_company` as in FORMATS.md §1 and §2.
enum SchemaFixtures {
    static let companyComment = "高速公路服务区公司信息表，存储服务区所属公司的基本信息及变更记录。"

    static func column(
        _ name: String, _ type: String, _ category: ColumnCategory = .text, notNull: Bool = false,
        default defaultValue: String? = nil, comment: String? = nil, primaryKey: Bool = false,
        foreignKey: Bool = false, samples: [String] = [], enumValues: [String]? = nil, sensitive: Bool = false,
        position: Int = 1
    ) -> ColumnDescription {
        ColumnDescription(name: name, position: position, dataType: type, category: category, notNull: notNull,
                          defaultValue: defaultValue, existingComment: comment, isPrimaryKey: primaryKey,
                          isForeignKey: foreignKey, samples: samples, enumValues: enumValues,
                          isSensitive: sensitive)
    }

    static func table(
        _ name: String, schema: String = "public", kind: RelationKind = .table, comment: String? = nil,
        columns: [ColumnDescription], primaryKey: [String] = [], foreignKeys: [ForeignKeyReference] = []
    ) -> TableDescription {
        TableDescription(reference: TableReference(schema: schema, name: name), kind: kind, existingComment: comment,
                         columns: columns, primaryKey: primaryKey, foreignKeys: foreignKeys)
    }

    /// The table of FORMATS.md §1's DDL example.
    static let companyForDDL = table("bss_company", comment: companyComment, columns: [
        column("id", "varchar(32)", notNull: true, comment: "公司唯一标识符", primaryKey: true),
        column("version", "integer", .integer, notNull: true, comment: "数据版本号"),
        column("company_name", "varchar(255)", comment: "公司名称"),
        column("company_no", "varchar(255)", comment: "公司编码"),
    ], primaryKey: ["id"])

    /// The table of FORMATS.md §2's document example.
    static let companyForDoc = table("bss_company", comment: companyComment, columns: [
        column("id", "varchar(32)", notNull: true, comment: "公司唯一标识符", primaryKey: true,
               samples: ["30675d85ba5044c31acfa243b9d16334", "47ed0bb37f5a85f3d9245e4854959b81",
                         "0d3a8f1e5b2c4d6e7f8091a2b3c4d5e6"]),
        column("company_no", "varchar(255)", comment: "公司编码", samples: ["H03", "H02"],
               enumValues: ["H01", "H02", "H03", "H04", "H05", "H06", "H07", "H08", "Q01"]),
        column("delete_ts", "timestamp", .timestamp, comment: "删除时间"),
    ], primaryKey: ["id"])
}
