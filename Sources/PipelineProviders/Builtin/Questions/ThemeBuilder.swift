import PipelineCore

/// The built-in theme extraction: each theme is anchored on an analytically rich table (measures, dimensions, time
/// columns) together with its foreign-key neighbours; a table anchors more than one theme (different angles) only
/// when there are fewer rich tables than themes asked for.
struct ThemeBuilder {
    /// The angles a theme can take on its anchor table; the index also rotates which templates its pairs use.
    static let angles = ["统计分析", "排名对比", "趋势分析"]
    /// Neighbour tables a theme includes besides its anchor.
    static let maxNeighbours = 4

    let profiles: [TableProfile]

    init(tables: [TableDescription], model: SemanticModel? = nil) {
        profiles = tables.map { TableProfile($0, semantics: model?.table($0.reference), inferredKeys: model?.inferredKeys(of: $0.reference) ?? []) }
    }

    func themes(count: Int) -> [AnalysisTheme] {
        guard count > 0, !profiles.isEmpty else { return [] }
        let ranked = profiles.enumerated().sorted { left, right in
            (-Self.richness(left.element), left.offset) < (-Self.richness(right.element), right.offset)
        }.map(\.element)
        let rich = ranked.filter { Self.richness($0) > 0 }
        let anchors = rich.isEmpty ? ranked : rich
        var themes: [AnalysisTheme] = []
        for index in 0..<min(count, anchors.count * Self.angles.count) {
            let anchor = anchors[index % anchors.count]
            themes.append(theme(anchor: anchor, angle: index / anchors.count))
        }
        return themes
    }

    /// How much there is to ask about a table.
    static func richness(_ profile: TableProfile) -> Int {
        profile.measures.count * 3 + min(profile.dimensions.count, 3) * 2 + min(profile.timeColumns.count, 2) * 2
            + profile.keys.count
    }

    func theme(anchor: TableProfile, angle: Int) -> AnalysisTheme {
        let neighbours = Self.neighbours(of: anchor, in: profiles).prefix(Self.maxNeighbours)
        let angleName = Self.angles[angle % Self.angles.count]
        let related = [anchor] + neighbours
        let metrics = anchor.measures.prefix(4).map(TableProfile.label) + ["记录数"]
        let entities = Array(related.map(\.entity).prefix(5))
        let dimensionText = anchor.dimensions.prefix(2).map(TableProfile.label).joined(separator: "、")
        var description = "围绕\(anchor.entity)"
        if !neighbours.isEmpty { description += "及其关联的\(neighbours.map(\.entity).joined(separator: "、"))" }
        description += "，从\(dimensionText.isEmpty ? "整体" : dimensionText)等角度进行\(angleName)"
        if !anchor.measures.isEmpty { description += "，关注\(anchor.measures.prefix(3).map(TableProfile.label).joined(separator: "、"))等指标" }
        description += "。"
        // `…日统计` + `统计分析` would read `…日统计统计分析`.
        let name = anchor.entity.hasSuffix(String(angleName.prefix(2))) ? anchor.entity + angleName.dropFirst(2) : anchor.entity + angleName
        return AnalysisTheme(name: name, description: description,
                             relatedTables: related.map { $0.table.reference.documentName },
                             entities: entities, metrics: Array(metrics.prefix(5)))
    }

    /// Tables the anchor references, then tables referencing it, in the group's order.
    static func neighbours(of anchor: TableProfile, in profiles: [TableProfile]) -> [TableProfile] {
        let reference = anchor.table.reference
        let parents = Set(anchor.keys.map(\.target))
        let others = profiles.filter { $0.table.reference != reference }
        return others.filter { parents.contains($0.table.reference) }
            + others.filter { other in
                !parents.contains(other.table.reference) && other.keys.contains { $0.target == reference }
            }
    }
}
