import Foundation
import PipelineCore

/// Checks a `table_comments` answer against the table it was asked about. Columns are matched by **name**: an
/// unknown name is dropped (and noted), an apology anywhere makes the answer unusable, an empty or placeholder
/// comment is dropped (the fallback fills it). Enum meanings are kept only for values the table really has and are
/// appended to the column comment (`订单状态（0=待支付，1=已支付）`).
struct CommentAnswer {
    static let maxTableComment = 200
    static let maxColumnComment = 60
    static let maxEnumMeaning = 20
    static let maxEnumMeanings = 10

    /// The table (or the part of its columns) the prompt showed.
    let table: TableDescription
    let wantsTableComment: Bool
    /// The columns the prompt asked for.
    let columns: [String]

    func check(_ text: String) -> CheckedAnswer<GeneratedComments> {
        let value: JSONValue
        switch ModelAnswerText.json(text) {
        case .success(let parsed): value = parsed
        case .failure(let problem): return .unusable(problem.description)
        }
        guard value.objectValue != nil else { return .unusable("回答应是一个JSON对象（包含 table_comment 和 columns）") }
        var result = CheckedAnswer<GeneratedComments>(value: nil)
        var generated = GeneratedComments(tableComment: nil, columnComments: [:])

        if wantsTableComment, let raw = value.field("table_comment", "tableComment", "表注释") {
            switch comment(raw, limit: Self.maxTableComment) {
            case .text(let text): generated.tableComment = text
            case .empty: result.notes.append("表注释为空，已丢弃")
            case .invalid(let problem): result.problems.append("table_comment \(problem)")
            }
        }
        for (name, entry) in entries(value) {
            guard let column = column(named: name) else {
                result.notes.append("未知字段 \(name) 的注释已丢弃")
                continue
            }
            guard columns.contains(column.name) else { continue }
            let raw = entry.objectValue != nil ? entry.field("comment", "注释", "description") : entry
            guard let raw else { continue }
            switch comment(raw, limit: Self.maxColumnComment) {
            case .text(let text):
                let meanings = enumMeanings(entry.field("enum_values", "enum", "枚举"), column: column)
                generated.columnComments[column.name] = meanings.isEmpty ? text : "\(text)（\(meanings)）"
            case .empty:
                result.notes.append("字段 \(column.name) 的注释为空，已丢弃")
            case .invalid(let problem):
                result.problems.append("字段 \(column.name) 的注释\(problem)")
            }
        }
        guard result.problems.isEmpty else { return result }
        if generated.tableComment == nil, generated.columnComments.isEmpty {
            return .unusable("回答中没有可用的注释（字段名须与给出的字段名完全一致）", notes: result.notes)
        }
        result.value = generated
        return result
    }

    /// `columns` as an object keyed by name (`"a": "注释"` or `"a": {"comment": …}`) or as an array of objects with a
    /// `name`; also accepted under `fields` (the predecessor's key).
    private func entries(_ value: JSONValue) -> [(String, JSONValue)] {
        guard let columns = value.field("columns", "fields", "column_comments", "字段") else { return [] }
        if let object = columns.objectValue {
            return object.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        }
        return (columns.arrayValue ?? []).compactMap { item in
            guard let name = item.field("name", "column", "column_name", "字段名")?.stringValue else { return nil }
            return (name, item)
        }
    }

    /// The exact name, else the only case-insensitive match.
    private func column(named name: String) -> ColumnDescription? {
        let trimmed = name.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"`"))
        if let exact = table.columns.first(where: { $0.name == trimmed }) { return exact }
        let folded = table.columns.filter { $0.name.lowercased() == trimmed.lowercased() }
        return folded.count == 1 ? folded[0] : nil
    }

    private enum Comment {
        case text(String)
        /// Empty or a placeholder (`未知`, `N/A`): dropped, the fallback fills the column.
        case empty
        /// Not text, or an apology: the whole answer is suspect.
        case invalid(String)
    }

    private func comment(_ raw: JSONValue, limit: Int) -> Comment {
        guard let text = raw.stringValue else { return raw == .null ? .empty : .invalid("不是字符串") }
        guard let clean = CommentText.clean(text), !RefusalText.isPlaceholder(clean) else { return .empty }
        if RefusalText.isRefusal(clean) { return .invalid("是道歉或拒绝回答（\(CommentText.prefix(clean, limit: 30))）") }
        return .text(CommentText.prefix(clean, limit: limit))
    }

    /// `0=待支付，1=已支付` for the values the column really has (in their order), or empty.
    private func enumMeanings(_ raw: JSONValue?, column: ColumnDescription) -> String {
        guard let raw, let values = column.enumValues, !values.isEmpty, !column.isSensitive else { return "" }
        var meanings: [String: String] = [:]
        if let object = raw.objectValue {
            for (key, value) in object { if let text = value.stringValue { meanings[key] = text } }
        } else {
            for item in raw.arrayValue ?? [] {
                guard let key = item.field("value", "取值")?.stringValue,
                      let text = item.field("meaning", "description", "含义", "label")?.stringValue else { continue }
                meanings[key] = text
            }
        }
        let pairs = values.prefix(Self.maxEnumMeanings).compactMap { value -> String? in
            guard let meaning = meanings[value].flatMap(CommentText.clean), meaning != value,
                  !RefusalText.isRefusal(meaning), !RefusalText.isPlaceholder(meaning) else { return nil }
            return "\(CommentText.singleLine(value))=\(CommentText.prefix(meaning, limit: Self.maxEnumMeaning))"
        }
        return pairs.joined(separator: "，")
    }
}
