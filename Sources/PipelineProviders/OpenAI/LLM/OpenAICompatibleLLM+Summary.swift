import PipelineCore

/// The `db_query_decision_prompt.txt` summary (step 2).
extension OpenAICompatibleLLM {
    /// The business-scope summary in the `=== 数据库业务范围 ===` shape (`SummaryAnswer`). Tables are shown compact,
    /// else in outline, else as many outlines as fit; an unusable answer gives the fallback's summary.
    public func describeDatabase(tables: [TableDescription], themes: [AnalysisTheme], businessContext: String) throws -> String {
        let label = "数据库业务范围描述"
        guard let messages = summaryMessages(tables: tables, themes: themes, businessContext: businessContext, label: label) else {
            note("\(label): 表文档超出提示词预算，改用\(fallback.name)的结果")
            return try fallback.describeDatabase(tables: tables, themes: themes, businessContext: businessContext)
        }
        if let summary = ask(.databaseSummary, messages, label: label, wantsJSON: false, check: SummaryAnswer.check) {
            return summary
        }
        note("\(label): 改用\(fallback.name)的结果")
        return try fallback.describeDatabase(tables: tables, themes: themes, businessContext: businessContext)
    }

    func summaryMessages(tables: [TableDescription], themes: [AnalysisTheme], businessContext: String,
                         label: String) -> [ChatMessage]? {
        let themeLines = themes.isEmpty ? "（无）" : themes.map { theme in
            "- \(theme.name)：\(theme.description)（相关表：\(theme.relatedTables.joined(separator: "、"))）"
        }.joined(separator: "\n")
        func render(_ shown: [TableDescription], _ detail: PromptDocuments.Detail) -> [ChatMessage] {
            prompts.template(.databaseSummary).messages([
                "business_context": context(businessContext),
                "table_documents": PromptDocuments.documents(shown, detail: detail),
                "themes": themeLines,
            ])
        }
        for detail in [PromptDocuments.Detail.compact, .outline] {
            let messages = render(tables, detail)
            if fits(messages) { return messages }
        }
        var shown: [TableDescription] = []
        var best: [ChatMessage]?
        for table in tables {
            let messages = render(shown + [table], .outline)
            guard fits(messages) else { break }
            shown.append(table)
            best = messages
        }
        if best != nil { note("\(label): 表文档超出提示词预算，只给出 \(shown.count)/\(tables.count) 个表的概要") }
        return best
    }
}
