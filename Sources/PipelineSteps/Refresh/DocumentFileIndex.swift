import Foundation
import PipelineCore

/// Which `<base>.ddl` (and `<base>_detail.md`) describes which table, read from the files themselves: uploaded
/// documents need not follow step 1's naming, and a refresh rewrites a table under the name it already has.
struct DocumentFileIndex {
    let directory: TaskDirectory
    /// Base names by table; the first file (by name) describing a table wins, as `TableDocumentReader.readAll` decides.
    let bases: [TableReference: String]
    private let present: Set<String>

    init(directory: TaskDirectory) {
        self.directory = directory
        let names = directory.listFiles().map(\.name)
        present = Set(names)
        var bases: [TableReference: String] = [:]
        for name in names.sorted() where TableDocumentReader.isDDLFileName(name) {
            guard let file = SafeFileName(name), let data = FileManager.default.contents(atPath: directory.fileURL(file).path),
                  let text = TextDecoding.utf8OrGBK([UInt8](data)),
                  let table = try? TableDocumentReader.read(ddl: text, detail: nil) else { continue }
            if bases[table.reference] == nil { bases[table.reference] = String(name.dropLast(4)) }
        }
        self.bases = bases
    }

    /// The files of `table` that exist: its `.ddl` and its `_detail.md`.
    func names(of table: TableReference) -> [String] {
        guard let base = bases[table] else { return [] }
        return [base + ".ddl", TableFileNames.docFileName(base)].filter(present.contains)
    }

    /// A base name for a table that has no files yet: step 1's name, numbered when another table's files use it.
    func freeBase(for table: TableReference, taken: [TableReference: String]) -> String {
        let used = Set(taken.values).union(present.filter(TableDocumentReader.isDDLFileName).map { String($0.dropLast(4)) })
        let base = TableFileNames.base(for: table)
        var candidate = base
        var number = 2
        while used.contains(candidate) {
            candidate = "\(base)_\(number)"
            number += 1
        }
        return candidate
    }
}
