import Foundation
import PipelineCore

/// Checks a `themes` answer against the tables the prompt showed: related tables that do not exist are dropped, a
/// theme left without tables (or without a name or description) is dropped, duplicates are merged, at most
/// `themeCount` are kept. Nothing usable left is a problem worth a retry.
struct ThemeAnswer {
    static let maxNameLength = 30
    static let maxListItems = 8

    let tables: [TableDescription]
    let themeCount: Int

    func check(_ text: String) -> CheckedAnswer<[AnalysisTheme]> {
        let value: JSONValue
        switch ModelAnswerText.json(text) {
        case .success(let parsed): value = parsed
        case .failure(let problem): return .unusable(problem.description)
        }
        guard let items = value.list(["themes", "topics", "主题"], itemKey: "topic_name") else {
            return .unusable("回答中没有 themes 数组")
        }
        var notes: [String] = []
        var themes: [AnalysisTheme] = []
        for (index, item) in items.enumerated() {
            switch theme(item, number: index + 1) {
            case .success(let (theme, unknown)):
                if !unknown.isEmpty { notes.append("主题 \(theme.name) 引用的表不存在，已忽略: \(unknown.joined(separator: ", "))") }
                if let existing = themes.firstIndex(where: { $0.name.lowercased() == theme.name.lowercased() }) {
                    themes[existing].relatedTables = Self.unique(themes[existing].relatedTables + theme.relatedTables)
                } else {
                    themes.append(theme)
                }
            case .failure(let problem):
                notes.append(problem.description)
            }
        }
        guard !themes.isEmpty else {
            let reason = notes.isEmpty ? "themes 数组为空" : notes.prefix(5).joined(separator: "；")
            return .unusable("没有可用的主题：\(reason)（related_tables 只能使用给出的表名）", notes: [])
        }
        return CheckedAnswer(value: Array(themes.prefix(max(1, themeCount))), notes: notes)
    }

    /// The theme and the table names it gave that do not exist.
    private func theme(_ item: JSONValue, number: Int) -> Result<(AnalysisTheme, [String]), AnswerProblem> {
        guard item.objectValue != nil else { return .failure(AnswerProblem("第\(number)个主题不是JSON对象，已丢弃")) }
        guard let rawName = item.field("topic_name", "name", "theme", "topic", "主题名称")?.stringValue,
              let name = CommentText.clean(rawName), !RefusalText.isRefusal(name), !RefusalText.isPlaceholder(name) else {
            return .failure(AnswerProblem("第\(number)个主题缺少 topic_name（字符串），已丢弃"))
        }
        guard let rawDescription = item.field("description", "desc", "主题描述")?.stringValue,
              let description = CommentText.clean(rawDescription), !RefusalText.isRefusal(description) else {
            return .failure(AnswerProblem("主题 \(name) 缺少 description（字符串），已丢弃"))
        }
        guard let named = item.field("related_tables", "tables", "相关表")?.stringList else {
            return .failure(AnswerProblem("主题 \(name) 的 related_tables 不是表名数组，已丢弃"))
        }
        var related: [String] = []
        var unknown: [String] = []
        for table in named {
            if let known = resolve(table) { related.append(known) } else { unknown.append(table) }
        }
        related = Self.unique(related)
        guard !related.isEmpty else {
            let detail = unknown.isEmpty ? "" : "（\(unknown.joined(separator: ", ")) 不存在）"
            return .failure(AnswerProblem("主题 \(name) 没有可用的表\(detail)，已丢弃"))
        }
        let theme = AnalysisTheme(
            name: CommentText.prefix(name, limit: Self.maxNameLength), description: description, relatedTables: related,
            entities: list(item.field("biz_entities", "entities", "业务实体")),
            metrics: list(item.field("biz_metrics", "metrics", "业务指标")))
        return .success((theme, unknown))
    }

    /// The document name (`t`, `schema.t`) of the table a model named, tolerating `public.`, quotes and case.
    func resolve(_ written: String) -> String? {
        let bare = written.trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: "\"", with: "").replacingOccurrences(of: "`", with: "")
        let parts = bare.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let matches = tables.filter { table in
            let reference = table.reference
            switch parts.count {
            case 1: return reference.name.lowercased() == parts[0].lowercased()
            case 2: return reference.schema.lowercased() == parts[0].lowercased() && reference.name.lowercased() == parts[1].lowercased()
            default: return false
            }
        }
        let best = matches.first { $0.reference.name == parts.last && $0.reference.schema == "public" }
            ?? matches.first { $0.reference.name == parts.last } ?? matches.first
        return best.map { PromptDocuments.name($0.reference) }
    }

    private func list(_ value: JSONValue?) -> [String] {
        let items = (value?.stringList ?? []).compactMap(CommentText.clean).filter {
            !RefusalText.isRefusal($0) && !RefusalText.isPlaceholder($0)
        }
        return Array(Self.unique(items).prefix(Self.maxListItems))
    }

    static func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }
}
