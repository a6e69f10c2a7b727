import Foundation
import PipelineCore

/// The training items a task directory holds (predecessor.md §5.4.2, plus tags and `error_sql`):
/// * every `<base>.ddl` → `ddl` items (the text split on `;`), tagged with its table;
/// * every `*.md` → `documentation` chunks (`MarkdownSections`), a table document tagged with its table;
/// * every `*_pair.json` → `sql` items, tagged with the pair's `tables`;
/// * the pairs the newest SQL validation report left invalid and unrepaired → `error_sql` items (what the chat app
///   shows its model as mistakes not to repeat).
/// Backups (`.backup`, `_old`, `_bakN`), sub-directories and internal files are not read. Items are de-duplicated
/// by their content-derived id.
struct TrainingFileCollector {
    struct Collection {
        var items: [TrainingItem] = []
        var files: [String: Int] = ["ddl": 0, "documentation": 0, "pairs": 0, "validation_report": 0]
        var problems: [String] = []
    }

    let directory: TaskDirectory
    let taskID: String

    func collect() -> Collection {
        var collection = Collection()
        var seen = Set<String>()
        func add(_ item: TrainingItem) {
            if seen.insert(item.id).inserted { collection.items.append(item) }
        }
        let names = directory.listFiles().map(\.name).filter(Self.isLoadable).sorted()
        // The table of each `.ddl` file, so a `_detail.md` is tagged without reading its DDL a second time.
        var ddlTables: [String: [String]] = [:]
        for name in names {
            guard let file = SafeFileName(name), let data = try? Data(contentsOf: directory.fileURL(file)) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            let lower = name.lowercased()
            if lower.hasSuffix(".ddl") {
                collection.files["ddl", default: 0] += 1
                let tables = tableTag(ddl: text)
                ddlTables[name] = tables
                for piece in text.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespacesAndNewlines) }) where !piece.isEmpty {
                    add(TrainingItem(type: .ddl, question: nil, content: piece, tables: tables, taskID: taskID))
                }
            } else if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") {
                collection.files["documentation", default: 0] += 1
                let tables = documentTag(name, known: ddlTables)
                for section in MarkdownSections.split(text) {
                    add(TrainingItem(type: .documentation, question: nil, content: section, tables: tables, taskID: taskID))
                }
            } else if PairFile.isPairFile(lower) {
                collection.files["pairs", default: 0] += 1
                do {
                    for entry in try PairFile.parse(data).entries {
                        add(TrainingItem(type: .sql, question: entry.question!, content: entry.sql!, tables: entry.tables, taskID: taskID))
                    }
                } catch {
                    collection.problems.append("\(name): \(error)")
                }
            }
        }
        // A pair still in a pair file (validation without `modify_original_file`) is loaded as `sql`, not as a mistake.
        let pairs = Set(collection.items.filter { $0.type == .sql }.map { "\($0.question ?? "")\u{0}\($0.content)" })
        let mistakes = errorSQLItems().filter { !pairs.contains("\($0.question ?? "")\u{0}\($0.content)") }
        for item in mistakes { add(item) }
        if !mistakes.isEmpty { collection.files["validation_report"] = 1 }
        return collection
    }

    static func isLoadable(_ name: String) -> Bool {
        let lower = name.lowercased()
        if lower.contains(".backup") || lower.hasSuffix("_old") || lower.range(of: #"_bak\d+$"#, options: .regularExpression) != nil {
            return false
        }
        return lower.hasSuffix(".ddl") || lower.hasSuffix(".md") || lower.hasSuffix(".markdown") || PairFile.isPairFile(lower)
    }

    /// The table a DDL file creates, as the table list writes it.
    private func tableTag(ddl text: String) -> [String] {
        (try? TableDocumentReader.read(ddl: text, detail: nil)).map { [$0.reference.description] } ?? []
    }

    /// `<base>_detail.md` is the document of the table `<base>.ddl` creates; other Markdown files are task-level.
    private func documentTag(_ name: String, known ddlTables: [String: [String]]) -> [String] {
        guard name.hasSuffix("_detail.md") else { return [] }
        let ddlName = String(name.dropLast("_detail.md".count)) + ".ddl"
        if let tables = ddlTables[ddlName] { return tables }
        guard let ddl = SafeFileName(ddlName), let data = try? Data(contentsOf: directory.fileURL(ddl)) else { return [] }
        return tableTag(ddl: String(decoding: data, as: UTF8.self))
    }

    /// Pairs of the newest validation report that stayed invalid after repair.
    private func errorSQLItems() -> [TrainingItem] {
        let reports = directory.listFiles().filter { $0.name.hasPrefix("sql_validation_") && $0.name.hasSuffix("_report.json") }
        guard let newest = reports.max(by: { $0.name < $1.name }), let file = SafeFileName(newest.name),
              let data = try? Data(contentsOf: directory.fileURL(file)),
              case .object(let report)? = try? JSONDecoder().decode(JSONValue.self, from: data),
              case .array(let details)? = report["detailed_results"] else { return [] }
        return details.compactMap { detail in
            guard case .object(let fields) = detail, fields["valid"] == .bool(false), fields["repair_successful"] != .bool(true),
                  case .string(let question)? = fields["question"], case .string(let sql)? = fields["sql"] else { return nil }
            return TrainingItem(type: .errorSQL, question: question, content: sql, tables: [], taskID: taskID)
        }
    }
}
