import Foundation
import PipelineCore

/// Checks a `sql_repair` answer: exactly one entry per item, in order; `null` (or the unchanged SQL) declines; every
/// proposed SQL passes `GeneratedSQL` against the given tables. An invalid proposal is a problem for the retry and
/// counts as declined; `merge` keeps, per item, the first valid proposal of the two answers.
struct RepairAnswer {
    let items: [SQLRepairItem]
    let tables: [TableDescription]

    func check(_ text: String) -> CheckedAnswer<[String?]> {
        let value: JSONValue
        switch ModelAnswerText.json(text) {
        case .success(let parsed): value = parsed
        case .failure(let problem): return .unusable(problem.description)
        }
        guard let entries = value.list(["repaired_sqls", "sqls", "repaired", "results"], itemKey: "sql") else {
            return .unusable("回答中没有 repaired_sqls 数组")
        }
        guard entries.count == items.count else {
            return .unusable("repaired_sqls 应有 \(items.count) 个元素（每条SQL一个，无法修复的写 null），实际有 \(entries.count) 个")
        }
        var result = CheckedAnswer<[String?]>(value: nil)
        var repaired: [String?] = []
        for (index, (entry, item)) in zip(entries, items).enumerated() {
            let proposal: String?
            switch entry {
            case .null: proposal = nil
            case .string(let text): proposal = text
            case .object: proposal = entry.field("sql", "repaired_sql")?.stringValue
            default:
                result.problems.append("第\(index + 1)个元素应是SQL字符串或 null")
                repaired.append(nil)
                continue
            }
            guard let proposal, !proposal.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                repaired.append(nil)
                continue
            }
            switch GeneratedSQL.check(proposal, tables: tables) {
            case .success(let sql):
                // The unchanged SQL is the predecessor's way of declining.
                repaired.append(ReadOnlySQL.normalized(sql) == ReadOnlySQL.normalized(item.sql) ? nil : sql)
            case .failure(let problem):
                result.problems.append("第\(index + 1)条修复结果不可用：\(problem)")
                repaired.append(nil)
            }
        }
        result.value = repaired
        return result
    }

    /// Per item, the first answer's proposal, else the second's.
    static func merge(_ first: [String?]?, _ second: [String?]?) -> [String?]? {
        guard let first else { return second }
        guard let second, second.count == first.count else { return first }
        return zip(first, second).map { $0 ?? $1 }
    }
}
