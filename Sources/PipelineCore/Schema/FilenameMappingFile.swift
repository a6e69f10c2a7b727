/// `filename_mapping.txt`: which files step 1 wrote for which table.
public enum FilenameMappingFile {
    /// The file name in a task directory.
    public static let fileName = "filename_mapping.txt"

    /// The header, a blank line, then `schema.table -> <file>` for both the `.ddl` and the `_detail.md` file of every
    /// table (the predecessor recorded only the last, the Markdown file), sorted by `schema.table`; ends with a newline.
    public static func render(_ entries: [(table: TableReference, ddl: String, doc: String)]) -> String {
        var lines = ["# 文件名映射报告", "# 格式: 原始表名 -> 实际文件名", ""]
        let keyed = entries.map { (key: $0.table.description, ddl: $0.ddl, doc: $0.doc) }
        for entry in keyed.sorted(by: { ($0.key, $0.ddl) < ($1.key, $1.ddl) }) {
            lines.append("\(entry.key) -> \(entry.ddl)")
            lines.append("\(entry.key) -> \(entry.doc)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
