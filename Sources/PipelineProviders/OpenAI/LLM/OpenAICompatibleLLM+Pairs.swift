import PipelineCore

/// Question–SQL pairs per theme (step 2).
extension OpenAICompatibleLLM {
    /// Pairs for one theme over the theme's tables. Documents that do not fit the budget are shown compact, then
    /// only the theme's related tables, then as many of those as fit. Every pair is checked (`PairAnswer`); an
    /// answer with invalid pairs is retried once and the valid pairs of both answers are kept. No valid pair at all,
    /// or a failed call, gives the fallback's pairs for this theme.
    public func generatePairs(_ request: PairRequest) throws -> [QuestionSQLPair] {
        let label = "主题 \(request.theme.name) 问题生成"
        guard let (shown, messages) = pairPrompt(request, label: label) else {
            note("\(label): 表文档超出提示词预算，改用\(fallback.name)的结果")
            return try fallback.generatePairs(request)
        }
        let answer = PairAnswer(theme: request.theme, tables: shown, pairCount: max(1, request.pairCount))
        let pairs = ask(.questionPairs, messages, label: label, check: answer.check) { first, second in
            let merged = PairAnswer.merge(first ?? [], second ?? [], limit: answer.pairCount)
            return merged.isEmpty ? nil : merged
        }
        guard let pairs, !pairs.isEmpty else {
            note("\(label): 没有可用的问题，改用\(fallback.name)的结果")
            return try fallback.generatePairs(request)
        }
        return pairs
    }

    /// The tables shown and the messages, or nil when not even the first related table fits.
    func pairPrompt(_ request: PairRequest, label: String) -> ([TableDescription], [ChatMessage])? {
        let related = request.theme.relatedTables.compactMap { name in
            request.tables.first { PromptDocuments.name($0.reference) == name }
        }
        let others = request.tables.filter { table in !related.contains { $0.reference == table.reference } }
        let all = related + others
        for (tables, detail) in [(all, PromptDocuments.Detail.full), (all, .compact), (related, .compact)] where !tables.isEmpty {
            let messages = pairMessages(request, tables: tables, detail: detail)
            if fits(messages) { return (tables, messages) }
        }
        var shown: [TableDescription] = []
        var best: [ChatMessage]?
        for table in related.isEmpty ? all : related {
            let messages = pairMessages(request, tables: shown + [table], detail: .compact)
            guard fits(messages) else { break }
            shown.append(table)
            best = messages
        }
        guard let best else { return nil }
        note("\(label): 表文档超出提示词预算，只给出 \(shown.count)/\(all.count) 个表的精简文档")
        return (shown, best)
    }

    func pairMessages(_ request: PairRequest, tables: [TableDescription], detail: PromptDocuments.Detail) -> [ChatMessage] {
        let theme = request.theme
        return prompts.template(.questionPairs).messages([
            "business_context": context(request.businessContext),
            "theme_name": theme.name,
            "theme_description": theme.description,
            "theme_entities": theme.entities.isEmpty ? "（未指定）" : theme.entities.joined(separator: "、"),
            "theme_metrics": theme.metrics.isEmpty ? "（未指定）" : theme.metrics.joined(separator: "、"),
            "table_names": PromptDocuments.names(tables),
            "table_documents": PromptDocuments.documents(tables, detail: detail)
                + PromptSemanticNotes.notes(tables, model: request.semanticModel),
            "soft_delete_rules": PromptDocuments.softDeleteRules(tables),
            "pair_count": String(max(1, request.pairCount)),
        ])
    }
}
