import PipelineCore

/// `db_query_decision_prompt.txt` built from the themes alone, when the provider could not describe the database
/// (the predecessor's fallback shape: up to 8 entities and 8 metrics).
enum DatabaseScopeFallback {
    static func text(themes: [AnalysisTheme], businessContext: String) -> String {
        func distinct(_ values: [String]) -> [String] {
            var seen = Set<String>()
            return values.map(CommentText.singleLine).filter { !$0.isEmpty && seen.insert($0).inserted }
        }
        let entities = distinct(themes.flatMap(\.entities)).prefix(8)
        let metrics = distinct(themes.flatMap(\.metrics)).prefix(8)
        var lines = ["=== 数据库业务范围 ===",
                     "当前数据库存储的是\(CommentText.singleLine(businessContext))的相关数据，主要涉及相关业务数据，包含以下业务数据：",
                     "核心业务实体："]
        lines += entities.map { "- \($0)：\($0)相关的业务信息" }
        lines.append("关键业务指标：")
        lines += metrics.map { "- \($0)：\($0)相关的分析指标" }
        return lines.joined(separator: "\n") + "\n"
    }
}
