import PipelineCore

/// The built-in analyst: themes are analyses (营收分析, 营收趋势分析, 营收构成分析, 服务区分布分析), not tables,
/// and each theme's pairs come from the analyses of its focus, most valuable first.
///
/// The richest fact table gets a theme per angle (measures, mix, trend); the other facts one theme that mixes their
/// measures and trends; the most referred-to dimension table a theme of its own. Theme names carry the focus, so
/// that pairs can be generated for a theme from its name and tables alone.
struct AnalysisPlanner {
    enum Focus: Equatable {
        case measures, combined, trend, mix, entities
    }

    static let trendSuffix = "趋势分析", mixSuffix = "构成分析", entitySuffix = "分布分析", combinedSuffix = "综合分析"

    let model: SemanticModel
    let tables: [TableDescription]
    private let references: Set<TableReference>
    private let contested: Set<String>

    init(model: SemanticModel, tables: [TableDescription]) {
        self.model = model
        self.tables = tables
        references = Set(tables.map(\.reference))
        contested = AnalysisNames.contestedNames(in: model)
    }

    private var semanticTables: [SemanticTable] { tables.compactMap { model.table($0.reference) } }

    /// Fact tables with measures, richest first (measures, a time column, relationships), in document order on ties.
    var facts: [FactView] {
        // Facts, and other tables of measures (order lines without a time of their own, standalone tables).
        let all = semanticTables.filter { [.fact, .other].contains($0.kind) }
            .map { FactView(table: $0, model: model, reachable: references, contested: contested) }
            .filter { $0.primary != nil }
        // Entities anchor measure themes only when nothing else can.
        let events = all.filter { !isEntity($0.table) }
        let views = events.isEmpty ? all : events
        return views.enumerated().sorted { left, right in
            (-Self.richness(left.element), left.offset) < (-Self.richness(right.element), right.offset)
        }.map(\.element)
    }

    /// A table others refer to that has names (门店, 会员) is an entity even when it has a measure (面积, 积分):
    /// its questions are the entity analyses. Judged on the whole model, so that a theme's pairs (asked with the
    /// theme's tables only) see the same tables as its extraction did.
    func isEntity(_ table: SemanticTable) -> Bool {
        table.columns.contains { $0.role == .label }
            && model.relationships.contains { $0.to.reference == table.reference && $0.from.reference != table.reference }
    }

    static func richness(_ view: FactView) -> Int {
        view.measures.count * 3 + (view.time == nil ? 0 : 4) + view.dimensions.count * 2 + view.families.count * 3
    }

    /// Dimension tables by how many of the group's tables refer to them.
    var entityAnchors: [SemanticTable] {
        let factAnchors = Set(facts.map(\.table.reference))
        let candidates = semanticTables.filter {
            [.dimension, .fact].contains($0.kind) && !factAnchors.contains($0.reference) && $0.columns.contains { $0.role == .label }
        }
        let incoming = Dictionary(grouping: model.relationships.filter { references.contains($0.from.reference) }, by: \.to.reference)
            .mapValues(\.count)
        return candidates.enumerated().sorted { left, right in
            (-(incoming[left.element.reference] ?? 0), left.offset) < (-(incoming[right.element.reference] ?? 0), right.offset)
        }.map(\.element)
    }

    func themes(count: Int) -> [AnalysisTheme] {
        let facts = facts
        var planned: [AnalysisTheme] = []
        if let top = facts.first {
            planned.append(theme(top, focus: .measures))
        }
        for other in facts.dropFirst() { planned.append(theme(other, focus: .combined)) }
        // Then the top fact's other angles, with an entity theme after every two, so that a larger theme count
        // reaches more tables.
        var entities = entityAnchors.map(entityTheme).makeIterator()
        var angles: [AnalysisTheme] = []
        if let top = facts.first {
            if !top.families.isEmpty { angles.append(theme(top, focus: .mix)) }
            if top.time != nil { angles.append(theme(top, focus: .trend)) }
        }
        angles += facts.dropFirst().filter { !$0.families.isEmpty }.map { theme($0, focus: .mix) }
        if let first = entities.next() { planned.append(first) }
        for (index, angle) in angles.enumerated() {
            planned.append(angle)
            if index % 2 == 1, let next = entities.next() { planned.append(next) }
        }
        while let next = entities.next() { planned.append(next) }
        // Two facts whose main measures share a name (金额) get themes named after their tables' rows.
        var names = Set<String>()
        var unique: [AnalysisTheme] = []
        for var theme in planned {
            if names.contains(theme.name), let anchor = theme.relatedTables.first.flatMap({ name in semanticTables.first { $0.reference.documentName == name } }) {
                let named = anchor.chineseName + theme.name
                theme.name = names.contains(named) ? "\(theme.name)（\(anchor.reference.documentName)）" : named
            }
            if names.insert(theme.name).inserted { unique.append(theme) }
        }
        return Array(unique.prefix(max(0, count)))
    }

    private func theme(_ fact: FactView, focus: Focus) -> AnalysisTheme {
        let measure = fact.primary!
        let related = [fact.table.reference] + Self.reachable(from: fact)
        let dimensions = fact.dimensions.prefix(3).map(\.noun)
        let (name, angle): (String, String)
        switch focus {
        case .trend: (name, angle) = (measure.name + Self.trendSuffix, "按月、按周、按日的变化，环比和同比")
        case .mix:
            let family = fact.families[0]
            (name, angle) = ((family.total?.name ?? family.noun) + Self.mixSuffix, "\(family.parts.joined(separator: "、"))等构成和占比")
        case .combined: (name, angle) = (measure.name + Self.combinedSuffix, "按\(dimensions.joined(separator: "、"))的对比、排名和趋势")
        default: (name, angle) = (measure.name + "分析", "按\(dimensions.joined(separator: "、"))的汇总、排名、占比和门槛")
        }
        let description = "围绕\(fact.entity)的\(fact.measures.prefix(3).map(\.name).joined(separator: "、"))，分析\(angle)。"
        return AnalysisTheme(name: name, description: description, relatedTables: Self.unique(related).map(\.documentName),
                             entities: Array(([fact.entity] + dimensions).prefix(5)),
                             metrics: Array(fact.measures.prefix(5).map(\.name)))
    }

    private func entityTheme(_ anchor: SemanticTable) -> AnalysisTheme {
        let factAnchors = Set(facts.map(\.table.reference))
        let view = FactView(table: anchor, model: model, reachable: references, contested: contested)
        let analyses = EntityAnalyses(view: view, model: model, reachable: references)
        let neighbours = model.relationships.flatMap { relationship -> [TableReference] in
            if relationship.from.reference == anchor.reference { return [relationship.to.reference] }
            if relationship.to.reference == anchor.reference { return [relationship.from.reference] }
            return []
        }.filter { references.contains($0) && !factAnchors.contains($0) }
        let bridgeEnds = model.relationships.filter { relationship in
            model.table(relationship.from.reference)?.kind == .bridge && neighbours.contains(relationship.from.reference)
        }.map(\.to.reference).filter(references.contains)
        let related = Self.unique([anchor.reference] + neighbours + bridgeEnds)
        let entity = analyses.entity
        return AnalysisTheme(name: entity + Self.entitySuffix,
                             description: "\(entity)的数量、类别分布、归属关系及与其他对象的关联情况。",
                             relatedTables: related.map(\.documentName), entities: related.compactMap { model.table($0).map(EntityAnalyses.noun(of:)) },
                             metrics: [entity + "数量"])
    }

    /// Tables a fact reaches in up to two hops of relationships.
    static func reachable(from fact: FactView) -> [TableReference] {
        fact.dimensions.flatMap { $0.path.map(\.table.reference) }
    }

    static func unique(_ references: [TableReference]) -> [TableReference] {
        var seen = Set<TableReference>()
        return references.filter { seen.insert($0).inserted }
    }

    /// The theme's drafts, most valuable first: from its anchor (first table) and the focus its name says.
    func drafts(for theme: AnalysisTheme) -> [PairDraft] {
        let byName = Dictionary(semanticTables.map { ($0.reference.documentName, $0) }, uniquingKeysWith: { first, _ in first })
        guard let anchor = theme.relatedTables.compactMap({ byName[$0] }).first else { return [] }
        let view = FactView(table: anchor, model: model, reachable: references, contested: contested)
        let name = theme.name
        if [.fact, .other].contains(anchor.kind), view.primary != nil, !name.hasSuffix(Self.entitySuffix) {
            if name.hasSuffix(Self.trendSuffix) { return TrendAnalyses(fact: view).all() + FactAnalyses(fact: view).all() }
            if name.hasSuffix(Self.mixSuffix) { return MixAnalyses(fact: view).all() + FactAnalyses(fact: view).all().reversed() }
            if name.hasSuffix(Self.combinedSuffix) {
                return Self.interleave(FactAnalyses(fact: view, lead: 2).all(), TrendAnalyses(fact: view).all(), MixAnalyses(fact: view).all())
            }
            return FactAnalyses(fact: view).all() + TrendAnalyses(fact: view).all().reversed()
        }
        // The anchor's analyses, then its neighbours' in turn: every table of the theme is asked about.
        let neighbours = theme.relatedTables.dropFirst().compactMap { byName[$0] }
            .filter { isEntity($0) || ($0.kind == .dimension && $0.columns.contains { $0.role == .label }) }
        let lists = neighbours.map { EntityAnalyses(view: FactView(table: $0, model: model, reachable: references, contested: contested), model: model, reachable: references).all() }
        let own = EntityAnalyses(view: view, model: model, reachable: references).all()
        return Array(own.prefix(4)) + Self.interleave(Array(own.dropFirst(4)), lists)
    }

    /// Two from the first list, one from each other, in turn.
    static func interleave(_ first: [PairDraft], _ others: [PairDraft]...) -> [PairDraft] {
        interleave(first, others)
    }

    static func interleave(_ first: [PairDraft], _ others: [[PairDraft]]) -> [PairDraft] {
        var result: [PairDraft] = []
        var iterators = [first.makeIterator()] + others.map { $0.makeIterator() }
        var progressed = true
        while progressed {
            progressed = false
            for index in iterators.indices {
                for _ in 0..<(index == 0 ? 2 : 1) {
                    if let next = iterators[index].next() {
                        result.append(next)
                        progressed = true
                    }
                }
            }
        }
        return result
    }
}
