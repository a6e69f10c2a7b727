import Foundation

/// `table_list.txt` of a task: written by the table-list routes, read by the worker and the info route.
public enum TableListFile {
    public static let fileName = SafeFileName("table_list.txt")!

    /// Checks a parse result against the contract's rules (every name valid, at least one, at most 1000);
    /// `source` says where the list came from (the refusal names a file for the file routes).
    public static func validated(_ result: TableListParser.Result,
                                 source: TableListSource = .request) throws -> TableListParser.Result {
        if !result.invalidNames.isEmpty {
            // A name is echoed up to 80 characters: a 100,000-character name is not sent back whole.
            let shown = result.invalidNames.prefix(5).map { $0.count > 80 ? String($0.prefix(80)) + "…" : $0 }
            throw PipelineError.tableList(.invalidNames(Array(shown), source: source))
        }
        if result.tables.isEmpty { throw PipelineError.tableList(.empty(source)) }
        if result.tables.count > TableListParser.maxTables {
            throw PipelineError.tableList(.tooMany(limit: TableListParser.maxTables))
        }
        return result
    }

    /// Writes the list in the predecessor's layout (three `#` header lines, a blank line, one name per line).
    @discardableResult
    public static func write(_ result: TableListParser.Result, to directory: TaskDirectory, now: Date) throws -> Int {
        var text = "# 表清单文件\n# 生成时间: \(LocalTimestamp.logTime(now))\n# 表数量: \(result.tables.count)\n\n"
        for table in result.tables { text += "\(table)\n" }
        let data = Data(text.utf8)
        try directory.writeAtomically(data, to: fileName)
        return data.count
    }

    /// Writes an uploaded list's text as it was sent (converted to UTF-8), comments included.
    @discardableResult
    public static func write(text: String, to directory: TaskDirectory) throws -> Int {
        let data = Data(text.utf8)
        try directory.writeAtomically(data, to: fileName)
        return data.count
    }

    /// The stored list parsed, or nil when the task has none.
    public static func read(from directory: TaskDirectory) -> TableListParser.Result? {
        guard let data = FileManager.default.contents(atPath: directory.fileURL(fileName).path) else { return nil }
        return TableListParser().parse(text: String(decoding: data, as: UTF8.self))
    }
}
