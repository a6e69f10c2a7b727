/// What one `<base>_detail.md` file says (FORMATS.md §2), before it is merged with the table's `.ddl`.
///
/// Names here are prose, as the formatter writes them: unquoted, on one line.
struct TableDoc: Equatable {
    /// One line of `字段列表：`: `- name (type) - comment [flags] [示例: a, b]`.
    struct Column: Equatable {
        var name: String
        var dataType: String?
        var comment: String?
        /// `主键`, `外键`, `非空`, as listed.
        var flags: [String] = []
        var samples: [String] = []
    }

    /// The text after `## `.
    var heading: String?
    /// The line after the heading: `<table> 表<comment>`.
    var tableLine: String?
    var columns: [Column] = []
    /// `- id 为主键` lines, or the columns of `- 复合主键：a, b`.
    var primaryKey: [String] = []
    /// `- a 关联 t.id`, `- a, b 关联 s.t(x, y)`; the target without a schema is in `public`.
    var foreignKeys: [ForeignKeyReference] = []
    /// `- col 为枚举字段，包含取值：a、b、c`, by column name.
    var enumValues: [String: [String]] = [:]
    /// Columns noted as `存储JSON格式数据`.
    var jsonColumns: Set<String> = []
    /// Columns noted as `使用 UUID 编码`.
    var uuidColumns: Set<String> = []

    /// The table comment: the table line after `<display name> 表`, else after its first ` 表` (the file may name
    /// the table differently when the DDL was renamed by hand); nil when nothing follows.
    func tableComment(displayName: String) -> String? {
        guard let line = tableLine else { return nil }
        var rest: Substring
        if line.hasPrefix(displayName + " 表") {
            rest = line.dropFirst(displayName.count + 2)
        } else if let marker = line.range(of: " 表") {
            rest = line[marker.upperBound...]
        } else {
            return nil
        }
        return CommentText.clean(String(rest))
    }
}
