import Foundation

extension TableDocumentReader {
    /// Every `*.ddl` file directly in the task directory, by file name, each with its `<base>_detail.md` when there
    /// is one. A file that cannot be read is reported in `problems` (Chinese, naming the file) and skipped; so is a
    /// second file describing a table already read. Foreign-key targets are matched against the tables read
    /// (`resolvingTargets`). Sub-directories (`file_bak_*/`) and internal files are not read.
    public static func readAll(in directory: TaskDirectory) -> (tables: [TableDescription], problems: [String]) {
        let files = directory.listFiles().map(\.name)
        let present = Set(files)
        var tables: [TableDescription] = []
        var problems: [String] = []
        var readFrom: [TableReference: String] = [:]

        for name in files.sorted() where isDDLFileName(name) {
            guard let ddl = text(of: name, in: directory) else {
                problems.append("\(name): 无法读取，或不是 UTF-8/GBK 编码的文本，已跳过")
                continue
            }
            let docName = TableFileNames.docFileName(String(name.dropLast(4)))
            var detail: String?
            if present.contains(docName) {
                detail = text(of: docName, in: directory)
                if detail == nil { problems.append("\(docName): 无法读取，或不是 UTF-8/GBK 编码的文本，只使用了 \(name)") }
            }
            do {
                let table = try read(ddl: ddl, detail: detail)
                if let first = readFrom[table.reference] {
                    problems.append("\(name): 与 \(first) 描述的是同一张表 \(table.reference)，已跳过")
                    continue
                }
                readFrom[table.reference] = name
                tables.append(table)
            } catch let error as TableDocumentError {
                problems.append("\(name): \(error.description)，已跳过")
            } catch {
                problems.append("\(name): 解析失败，已跳过")
            }
        }
        return (resolvingTargets(tables), problems)
    }

    /// A file `readAll` reads as a table's structure: `<base>.ddl` (any case of the extension).
    public static func isDDLFileName(_ name: String) -> Bool {
        name.lowercased().hasSuffix(".ddl") && name.count > 4
    }

    /// The document names a foreign key's target in prose, so `v1.2.id` reads as schema `v1`, table `2`. When no
    /// table read has the target as read but exactly one is displayed that way (`public."v1.2"`), that one is meant.
    static func resolvingTargets(_ tables: [TableDescription]) -> [TableDescription] {
        let known = Set(tables.map(\.reference))
        let byDisplayName = Dictionary(grouping: tables.map(\.reference), by: TableDocFormatter.displayName)
        return tables.map { table in
            var table = table
            for index in table.foreignKeys.indices where !known.contains(table.foreignKeys[index].target) {
                let target = table.foreignKeys[index].target
                if let matches = byDisplayName[TableDocFormatter.displayName(target)], matches.count == 1 {
                    table.foreignKeys[index].target = matches[0]
                }
            }
            return table
        }
    }

    /// The file's text (UTF-8, or GBK as Windows editors save it); nil when it cannot be read or decoded.
    private static func text(of name: String, in directory: TaskDirectory) -> String? {
        guard let safe = SafeFileName(name),
              let data = FileManager.default.contents(atPath: directory.fileURL(safe).path) else { return nil }
        return TextDecoding.utf8OrGBK([UInt8](data))
    }
}
