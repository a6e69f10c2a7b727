import PipelineCore

/// Themes, pairs and the database summary written offline from the table documents and the semantic model
/// (ARCHITECTURE.md §6, docs/builtin-pairs.md).
extension BuiltinLLM {
    /// Analysis themes from the semantic model (`AnalysisPlanner`); table-anchored themes (`ThemeBuilder`) when the
    /// tables hold no fact with measures and no dimension with names.
    public func extractThemes(_ request: ThemeRequest) throws -> [AnalysisTheme] {
        let model = request.semanticModel ?? SemanticModelBuilder(tables: request.tables).build()
        let planned = AnalysisPlanner(model: model, tables: request.tables).themes(count: request.themeCount)
        return planned.isEmpty ? ThemeBuilder(tables: request.tables, model: model).themes(count: request.themeCount) : planned
    }

    /// The theme's analyses, most valuable first, then the table templates as filler; distinct SQL only. The first
    /// `pairCount` are the pairs, up to `spareCount` more are replacement candidates.
    public func generatePairs(_ request: PairRequest) throws -> [QuestionSQLPair] {
        let model = request.semanticModel ?? SemanticModelBuilder(tables: request.tables).build()
        let wanted = request.pairCount + max(0, request.spareCount)
        var drafts = AnalysisPlanner(model: model, tables: request.tables).drafts(for: request.theme)
        // The table templates only fill a theme the analyses cannot: they are plainer (record counts, code filters).
        if Set(drafts.map(\.sql)).count < request.pairCount { drafts += tableTemplateDrafts(request, model: model) }
        var seen = Set<String>()
        return drafts.filter { seen.insert($0.sql).inserted }.prefix(wanted).map { draft in
            QuestionSQLPair(question: draft.question, sql: draft.sql, theme: request.theme.name,
                            tables: draft.tables.map(\.description), difficulty: draft.difficulty)
        }
    }

    /// Templates over the theme's first table (the anchor), its foreign keys to and from the other tables, then the
    /// other tables alone; the theme's angle picks where the selection starts.
    private func tableTemplateDrafts(_ request: PairRequest, model: SemanticModel) -> [PairDraft] {
        let profiles = request.tables.map {
            TableProfile($0, semantics: model.table($0.reference), inferredKeys: model.inferredKeys(of: $0.reference))
        }
        let byName = Dictionary(profiles.map { ($0.table.reference.documentName, $0) },
                                uniquingKeysWith: { first, _ in first })
        let ordered = request.theme.relatedTables.compactMap { byName[$0] }
        guard let anchor = ordered.first ?? profiles.first else { return [] }
        let others = profiles.filter { $0.table.reference != anchor.table.reference }

        var drafts = SingleTableQuestions(profile: anchor).all()
        for key in anchor.keys {
            if let parent = others.first(where: { $0.table.reference == key.target }),
               let join = JoinQuestions(child: anchor, parent: parent, key: key) {
                drafts += join.all()
            }
        }
        for child in others {
            for key in child.keys where key.target == anchor.table.reference {
                if let join = JoinQuestions(child: child, parent: anchor, key: key) { drafts += join.all() }
            }
        }
        for other in others { drafts += SingleTableQuestions(profile: other).all() }
        let angle = ThemeBuilder.angles.firstIndex { request.theme.name.contains($0) } ?? 0
        return PairSelection.select(drafts, count: request.pairCount + max(0, request.spareCount), rotation: angle * 2)
    }

    /// The built-in provider cannot rewrite SQL it did not understand; it declines, and the pair stays invalid.
    public func repairSQL(_ request: SQLRepairRequest) throws -> [String?] {
        request.items.map { _ in nil }
    }

    public func describeDatabase(tables: [TableDescription], themes: [AnalysisTheme], businessContext: String) throws -> String {
        DatabaseSummaryWriter(tables: tables, themes: themes, businessContext: businessContext).text()
    }
}
