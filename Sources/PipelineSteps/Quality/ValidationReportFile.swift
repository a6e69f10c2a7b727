import Foundation
import PipelineCore

/// What the quality report takes from step 3's newest `sql_validation_<ts>_report.json` (docs/execution-check.md):
/// the execution check's mode and each pair's class, repair and replacement. The SQL is never run again.
struct ValidationReportFile {
    struct Detail {
        var index: Int
        var question: String
        var sql: String
        var repairedSQL: String?
        var repairSuccessful: Bool
        var executionClass: String?
        var reason: String?
        var filtered: Bool
        var replacement: (question: String, sql: String)?

        var finalSQL: String { repairedSQL ?? sql }
    }

    var name: String
    var mode: String
    var details: [Detail]

    /// The newest report (timestamped names sort by time), or nil when step 3 has not run.
    static func newest(in directory: TaskDirectory) -> ValidationReportFile? {
        let names = directory.listFiles().map(\.name).filter { $0.hasPrefix("sql_validation_") && $0.hasSuffix("_report.json") }
        guard let name = names.max(), let file = SafeFileName(name),
              let data = try? Data(contentsOf: directory.fileURL(file)),
              case .object(let report)? = try? JSONDecoder().decode(JSONValue.self, from: data) else { return nil }
        var mode = "off"
        if case .object(let metadata)? = report["metadata"], case .object(let config)? = metadata["config"],
           case .string(let value)? = config["execution_check"] { mode = value }
        guard case .array(let items)? = report["detailed_results"] else { return nil }
        return ValidationReportFile(name: name, mode: mode, details: items.compactMap(detail))
    }

    private static func detail(_ value: JSONValue) -> Detail? {
        guard case .object(let fields) = value, fields["malformed"] != .bool(true) else { return nil }
        var detail = Detail(index: number(fields["index"]) ?? 0, question: text(fields["question"]) ?? "",
                            sql: text(fields["sql"]) ?? "", repairedSQL: text(fields["repaired_sql"]),
                            repairSuccessful: fields["repair_successful"] == .bool(true), executionClass: nil, reason: nil,
                            filtered: false, replacement: nil)
        if case .object(let execution)? = fields["execution"] {
            detail.executionClass = text(execution["class"])
            detail.reason = text(execution["reason"])
            detail.filtered = execution["filtered"] == .bool(true)
            if case .object(let replaced)? = execution["replaced_by"] {
                detail.replacement = (text(replaced["question"]) ?? "", text(replaced["sql"]) ?? "")
            }
        }
        return detail
    }

    private static func text(_ value: JSONValue?) -> String? {
        if case .string(let text)? = value { return text }
        return nil
    }

    private static func number(_ value: JSONValue?) -> Int? {
        if case .number(let number)? = value { return Int(number) }
        return nil
    }

    /// The execution class of each pair now in the pair file, by question and SQL: a kept pair's own class, `ok`
    /// for a replacement (accepted only when it ran `ok`). Nil for a pair the report does not know (the file was
    /// edited or uploaded after step 3, or the check was off).
    func classes(of pairs: [PairFileEntry]) -> [String?] {
        var known: [String: String] = [:]
        for detail in details {
            if let replacement = detail.replacement { known[Self.key(replacement.question, replacement.sql)] = "ok" }
            if let kind = detail.executionClass, !detail.filtered {
                known[Self.key(detail.question, detail.finalSQL)] = kind
            }
        }
        return pairs.map { known[Self.key($0.question ?? "", $0.sql ?? "")] }
    }

    private static func key(_ question: String, _ sql: String) -> String {
        "\(question.trimmingCharacters(in: .whitespacesAndNewlines))\u{0}\(sql.trimmingCharacters(in: .whitespacesAndNewlines))"
    }
}
