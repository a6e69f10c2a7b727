import Foundation
import PipelineCore

/// A short Chinese comment for a table from its name and the business context (`BuiltinLLM`).
enum TableCommentWriter {
    /// Warehouse-layer and naming-convention prefixes that say nothing about the content.
    static let ignoredPrefixes = ["bss_", "tbl_", "tb_", "t_", "dim_", "fact_", "ods_", "dwd_", "dws_", "ads_", "dw_",
                                  "vw_", "mv_", "v_"]
    /// Longest business context put in front of the table's subject; a longer one is left out.
    static let maxContextLength = 20

    /// Endings that already name what the rows are; anything else becomes `…信息表`.
    private static let recordNouns = ["数据", "记录", "日志", "明细", "信息", "统计", "关联", "映射", "配置", "字典",
                                      "历史", "报表", "快照", "汇总", "清单", "档案", "流水", "表"]

    static func comment(for table: TableDescription, businessContext: String) -> String {
        let context = GlossaryContext(tableName: table.reference.name, businessContext: businessContext)
        // A name of which no word is known is described as data, never pasted (`xyz信息表` would be half English).
        let subject = subject(of: table.reference.name, context: context) ?? "数据"
        let noun: String
        switch table.kind {
        case .view: noun = "视图"
        case .materializedView: noun = "物化视图"
        case .table, .partitionedTable, .foreignTable: noun = "表"
        }
        var phrase = subject
        if phrase.hasSuffix("表") { phrase.removeLast() }
        if !recordNouns.contains(where: phrase.hasSuffix) { phrase += "信息" }
        phrase += noun
        if let context = Self.context(businessContext) { phrase = "\(context)中的\(phrase)" }
        return phrase
    }

    /// The table name's words in Chinese, without naming-convention prefixes; nil when no word is known.
    static func subject(of tableName: String, context: GlossaryContext = .none) -> String? {
        var name = tableName.lowercased()
        if let prefix = ignoredPrefixes.first(where: { name.hasPrefix($0) && name.count > $0.count }) {
            name.removeFirst(prefix.count)
        }
        var words = CompoundWords.words(of: name)
        if words.count > 1, ["tbl", "table", "tb", "t"].contains(words.last) { words.removeLast() }
        // A table named `…_link` relates the tables before it (a link table), it is not a hyperlink.
        if words.count > 1, ["link", "links", "lnk"].contains(words.last) { words[words.count - 1] = "rel" }
        let phrase = GlossaryPhrase(words: words, context: context)
        return phrase.knowsAnyWord ? phrase.text : nil
    }

    /// The context's first clause when it is short enough to prefix a table comment and written in Chinese (an
    /// English context would put Latin words into a Chinese comment).
    static func context(_ text: String) -> String? {
        let separators: Set<Character> = ["，", "。", "；", "、", ",", ";", ".", "!", "！", "?", "？", "(", "（"]
        let clause = CommentText.singleLine(text).prefix { !separators.contains($0) }
            .trimmingCharacters(in: .whitespaces)
        guard !clause.isEmpty, clause.count <= maxContextLength, !LatinWords.containsLowercaseWord(clause) else {
            return nil
        }
        return clause
    }
}
