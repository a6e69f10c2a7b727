import Foundation

extension TableDocumentReader {
    /// Every `*.ddl` file directly in the task directory, by file name, each with its `<base>_detail.md` when there
    /// is one. A file that cannot be read is reported in `problems` (Chinese, naming the file) and skipped; so is a
    /// second file describing a table already read. Foreign-key targets are matched against the tables read
    /// (`resolvingTargets`). Sub-directories (`file_bak_*/`) and internal files are not read.
    public static func readAll(in directory: TaskDirectory) -> (tables: [TableDescription], problems: [String]) {
        let files = directory.listFiles().map(\.name)
        let present = Set(files)
        let ddlNames = files.sorted().filter(isDDLFileName)
        // Reading and parsing are independent per file: spread over the cores (300 tables took over a second on
        // one), then the duplicates are decided in file-name order as before.
        let parsed = BoundedConcurrency.map(ddlNames, maxConcurrency: min(4, ProcessInfo.processInfo.activeProcessorCount)) {
            name in parse(name, present: present, directory: directory)
        }
        var tables: [TableDescription] = []
        var problems: [String] = []
        var readFrom: [TableReference: String] = [:]
        for (name, outcome) in zip(ddlNames, parsed) {
            switch outcome {
            case .failed(let reasons):
                problems += reasons
            case .read(let table, let problem):
                if let problem { problems.append(problem) }
                if let first = readFrom[table.reference] {
                    problems.append("\(name): 与 \(first) 描述的是同一张表 \(table.reference)，已跳过")
                    continue
                }
                readFrom[table.reference] = name
                tables.append(table)
            }
        }
        return (resolvingTargets(tables), problems)
    }

    /// One `.ddl` file and its document, read and parsed.
    private enum FileOutcome: Sendable {
        /// The table, and a problem with its document (read without it) if there was one.
        case read(TableDescription, String?)
        /// Skipped; the problems in the order they were found.
        case failed([String])
    }

    private static func parse(_ name: String, present: Set<String>, directory: TaskDirectory) -> FileOutcome {
        guard let ddl = text(of: name, in: directory) else {
            return .failed(["\(name): 无法读取，或不是 UTF-8/GBK 编码的文本，已跳过"])
        }
        let docName = TableFileNames.docFileName(String(name.dropLast(4)))
        var detail: String?
        var docProblem: String?
        if present.contains(docName) {
            detail = text(of: docName, in: directory)
            if detail == nil { docProblem = "\(docName): 无法读取，或不是 UTF-8/GBK 编码的文本，只使用了 \(name)" }
        }
        do {
            return .read(try read(ddl: ddl, detail: detail), docProblem)
        } catch let error as TableDocumentError {
            return .failed((docProblem.map { [$0] } ?? []) + ["\(name): \(error.description)，已跳过"])
        } catch {
            return .failed((docProblem.map { [$0] } ?? []) + ["\(name): 解析失败，已跳过"])
        }
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
