import PipelineCore

/// `db_query_decision_prompt.txt` in the predecessor's shape (FORMATS.md §3): business scope, core entities with
/// their main fields, key metrics — what the chat app's router needs to tell database questions from others.
struct DatabaseSummaryWriter {
    static let maxEntities = 12
    static let maxMetrics = 12

    let tables: [TableDescription]
    let themes: [AnalysisTheme]
    let businessContext: String

    func text() -> String {
        let profiles = tables.map { TableProfile($0) }
        let ranked = profiles.enumerated().sorted { left, right in
            (-ThemeBuilder.richness(left.element), left.offset) < (-ThemeBuilder.richness(right.element), right.offset)
        }.map(\.element).prefix(Self.maxEntities)
        let context = businessContext.isEmpty ? TaskParameters.defaultBusinessContext : businessContext
        var lines = ["=== 数据库业务范围 ==="]
        lines.append("当前数据库存储的是\(context)的相关数据，主要涉及\(ranked.prefix(4).map(\.entity).joined(separator: "、"))等，包含以下业务数据：")
        lines.append("核心业务实体：")
        for profile in ranked {
            let fields = (profile.nameColumn.map { [$0] } ?? []) + profile.dimensions + profile.measures + profile.timeColumns
            var seen = Set<String>()
            let labels = fields.map(TableProfile.label).filter { seen.insert($0).inserted }.prefix(4)
            let comment = CommentText.clean(profile.table.comment) ?? profile.entity
            let fieldText = labels.isEmpty ? "" : "，主要字段：\(labels.joined(separator: "、"))"
            lines.append("- \(profile.entity)：\(comment)\(fieldText)")
        }
        lines.append("关键业务指标：")
        var seenMetrics = Set<String>()
        var metricLines: [String] = []
        for profile in ranked {
            for measure in profile.measures.prefix(3) {
                let label = TableProfile.label(measure)
                guard seenMetrics.insert(label).inserted, metricLines.count < Self.maxMetrics else { continue }
                metricLines.append("- \(label)：\(profile.entity)的\(label)，可按\(profile.dimensions.first.map(TableProfile.label) ?? "时间")汇总分析")
            }
        }
        if metricLines.isEmpty { metricLines = ranked.prefix(4).map { "- \($0.entity)数量：\($0.entity)的记录数统计" } }
        lines += metricLines
        return lines.joined(separator: "\n") + "\n"
    }
}
