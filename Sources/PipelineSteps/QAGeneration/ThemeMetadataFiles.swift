import Foundation
import PipelineCore

/// `metadata.txt` and `metadata_detail.md` (FORMATS.md §3): the themes as SQL for a `metadata` table and as a table
/// document. Unlike the predecessor's, the SQL is valid: the list columns are real `TEXT[]` literals.
enum ThemeMetadataFiles {
    static let sqlFileName = "metadata.txt"
    static let documentFileName = "metadata_detail.md"

    static func sql(_ themes: [AnalysisTheme], businessContext: String, database: String, now: Date) -> String {
        var lines = [
            "-- Schema Tools生成的主题元数据",
            "-- 业务背景: \(CommentText.singleLine(businessContext))",
            "-- 生成时间: \(LocalTimestamp.logTime(now))",
            "-- 数据库: \(CommentText.singleLine(database))",
            "",
            "-- 创建表（如果不存在）",
            "CREATE TABLE IF NOT EXISTS metadata (",
            "    id SERIAL PRIMARY KEY,    -- 主键",
            "    topic_name VARCHAR(100) NOT NULL,  -- 业务主题名称",
            "    description TEXT,                  -- 业务主题说明",
            "    related_tables TEXT[],             -- 相关表名",
            "    biz_entities TEXT[],               -- 主要业务实体名称",
            "    biz_metrics TEXT[],                -- 主要业务指标名称",
            "    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP    -- 插入时间",
            ");",
            "",
            "-- 插入主题数据",
        ]
        for theme in themes {
            lines.append("INSERT INTO metadata(topic_name, description, related_tables, biz_entities, biz_metrics) VALUES (")
            lines.append("  \(literal(theme.name)),")
            lines.append("  \(literal(theme.description)),")
            lines.append("  \(arrayLiteral(theme.relatedTables)),")
            lines.append("  \(arrayLiteral(theme.entities)),")
            lines.append("  \(arrayLiteral(theme.metrics))")
            lines.append(");")
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    static func document(_ themes: [AnalysisTheme]) -> String {
        func examples(_ values: [String], _ count: Int) -> String {
            var seen = Set<String>()
            return values.filter { seen.insert($0).inserted }.prefix(count).map(CommentText.singleLine).joined(separator: ", ")
        }
        let tables = examples(themes.flatMap(\.relatedTables), 2)
        let entities = examples(themes.flatMap(\.entities), 3)
        let metrics = examples(themes.flatMap(\.metrics), 3)
        let names = examples(themes.map(\.name), 2)
        return [
            "## metadata（存储分析主题元数据）",
            "`metadata` 主要描述了当前数据库包含了哪些数据内容，哪些分析主题，哪些指标等等。",
            "字段列表：",
            "- id (serial) - 主键ID [主键, 非空]",
            "- topic_name (varchar(100)) - 业务主题名称 [非空]" + (names.isEmpty ? "" : " [示例: \(names)]"),
            "- description (text) - 业务主题说明",
            "- related_tables (text[]) - 涉及的数据表" + (tables.isEmpty ? "" : " [示例: \(tables)]"),
            "- biz_entities (text[]) - 主要业务实体名称" + (entities.isEmpty ? "" : " [示例: \(entities)]"),
            "- biz_metrics (text[]) - 主要业务指标名称" + (metrics.isEmpty ? "" : " [示例: \(metrics)]"),
            "- created_at (timestamp) - 插入时间",
            "字段补充说明：",
            "- id 为主键，自增；",
            "- related_tables 用于建立主题与具体明细表的依赖关系；",
            "- biz_entities 表示主题关注的核心对象，例如服务区、车辆、公司；",
            "- biz_metrics 表示该主题关注的业务分析指标，例如营收对比、趋势变化、占比结构等。",
        ].joined(separator: "\n") + "\n"
    }

    static func literal(_ text: String) -> String {
        "'" + CommentText.singleLine(text).replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// `ARRAY['a', 'b']::text[]` (an empty list as `'{}'::text[]`).
    static func arrayLiteral(_ values: [String]) -> String {
        values.isEmpty ? "'{}'::text[]" : "ARRAY[" + values.map(literal).joined(separator: ", ") + "]::text[]"
    }
}
