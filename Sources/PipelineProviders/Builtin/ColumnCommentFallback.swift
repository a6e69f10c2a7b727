import PipelineCore

/// The comment of a column none of whose words the glossary knows: what the column is from its role (key, foreign
/// key, yes/no) and type, never its name. A DBA would rather read 文本信息 than `xyz` pasted into Chinese.
enum ColumnCommentFallback {
    static func text(for column: ColumnDescription, in table: TableDescription, asksYesNo: Bool,
                     context: GlossaryContext) -> String {
        if asksYesNo { return "是否标记" }
        if table.primaryKey == [column.name] || column.isPrimaryKey && table.primaryKey.count <= 1 { return "唯一标识" }
        if let key = table.foreignKeys.first(where: { $0.columns.contains(column.name) }) {
            return "关联" + (TableCommentWriter.subject(of: key.target.name, context: context) ?? "记录") + "标识"
        }
        if column.isForeignKey { return "关联记录标识" }
        switch column.category {
        case .timestamp, .time: return "时间"
        case .date: return "日期"
        case .boolean: return "是否标记"
        case .integer, .decimal: return "数值"
        case .json: return "JSON数据"
        case .uuid: return "UUID标识"
        case .binary: return "二进制数据"
        case .array: return "数组数据"
        case .network: return "网络地址"
        case .text, .other: return "文本信息"
        }
    }
}
