// TEMPORARY: replaced by the helpers' implementations before commit.
public enum TableDocumentReader {
    public static func readAll(in directory: TaskDirectory) -> (tables: [TableDescription], problems: [String]) { ([], []) }
}
public enum ReadOnlySQL {
    public static func normalized(_ sql: String) -> String { sql.lowercased() }
    public static func violation(in sql: String) -> String? { nil }
}
extension TableDocumentReader {
    public static func read(ddl: String, detail: String?) throws -> TableDescription { throw PipelineError.invalidInput("stub") }
}
