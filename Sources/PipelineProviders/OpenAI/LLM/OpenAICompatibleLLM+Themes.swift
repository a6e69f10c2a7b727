import PipelineCore

/// Analysis themes (step 2).
extension OpenAICompatibleLLM {
    /// Themes over the given tables. When their documents do not fit one prompt, the tables are split into batches
    /// that do (in the given order, which keeps foreign-key clusters together), each batch asked for its share of
    /// `themeCount`, and the batches' themes merged by name. A batch whose answer is unusable gets the fallback's
    /// themes for its tables.
    public func extractThemes(_ request: ThemeRequest) throws -> [AnalysisTheme] {
        guard !request.tables.isEmpty else { return [] }
        let count = max(1, request.themeCount)
        let batches = PromptPacking.batches(request.tables) { tables, detail in
            themeMessages(tables, detail: detail, themeCount: count, businessContext: request.businessContext,
                          model: request.semanticModel)
        } fits: { fits($0) }
        let shares = Self.shares(of: count, over: batches.map(\.items.count))
        if batches.count > 1 {
            note("主题提取: \(request.tables.count) 个表的文档超出提示词预算，分 \(batches.count) 批提取后合并")
        }

        let outcomes = concurrently(Array(zip(batches, shares))) { @Sendable item -> Result<[AnalysisTheme], Error> in
            let (batch, share) = item
            let label = "主题提取（\(batch.items.count) 个表）"
            if let messages = batch.messages {
                let answer = ThemeAnswer(tables: batch.items, themeCount: share)
                if let themes = self.ask(.themes, messages, label: label, check: answer.check) { return .success(themes) }
            } else {
                self.note("\(label): 表 \(batch.items.first.map { $0.reference.description } ?? "") 的文档超出提示词预算")
            }
            self.note("\(label): 改用\(self.fallback.name)的结果")
            return Result {
                try self.fallback.extractThemes(ThemeRequest(tables: batch.items, businessContext: request.businessContext, themeCount: share))
            }
        }
        var merged: [AnalysisTheme] = []
        for outcome in outcomes {
            for theme in try outcome.get() {
                if let index = merged.firstIndex(where: { $0.name.lowercased() == theme.name.lowercased() }) {
                    merged[index].relatedTables = ThemeAnswer.unique(merged[index].relatedTables + theme.relatedTables)
                    merged[index].entities = ThemeAnswer.unique(merged[index].entities + theme.entities)
                    merged[index].metrics = ThemeAnswer.unique(merged[index].metrics + theme.metrics)
                } else {
                    merged.append(theme)
                }
            }
        }
        return Array(merged.prefix(count))
    }

    func themeMessages(_ tables: [TableDescription], detail: PromptDocuments.Detail, themeCount: Int,
                       businessContext: String, model: SemanticModel? = nil) -> [ChatMessage] {
        prompts.template(.themes).messages([
            "business_context": context(businessContext),
            "theme_count": String(themeCount),
            "table_names": PromptDocuments.names(tables),
            "table_documents": PromptDocuments.documents(tables, detail: detail) + PromptSemanticNotes.notes(tables, model: model),
        ])
    }

    /// `total` split over batches in proportion to their sizes, at least one each (so the sum may exceed `total`
    /// when there are more batches than themes; the merge keeps `total`).
    static func shares(of total: Int, over sizes: [Int]) -> [Int] {
        let all = max(1, sizes.reduce(0, +))
        var shares = sizes.map { max(1, total * $0 / all) }
        var index = 0
        while shares.reduce(0, +) < total, !shares.isEmpty {
            shares[index % shares.count] += 1
            index += 1
        }
        return shares
    }
}
