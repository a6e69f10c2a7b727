import Foundation
import PipelineCore

/// Checks a `database_summary` answer (plain text, FORMATS.md §3): reasoning and code fences removed, text before
/// the `=== 数据库业务范围 ===` header dropped, both sections present, no apology.
enum SummaryAnswer {
    static let header = "=== 数据库业务范围 ==="
    static let sections = ["核心业务实体", "关键业务指标"]

    static func check(_ text: String) -> CheckedAnswer<String> {
        let answer = ModelAnswerText.unfenced(ModelAnswerText.withoutThinking(text))
        guard let start = answer.range(of: header) else {
            if RefusalText.isRefusal(String(answer.prefix(200))) { return .unusable("回答是道歉或拒绝回答") }
            return .unusable("回答缺少第一行“\(header)”")
        }
        let lines = answer[start.lowerBound...].split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("```") }
        let body = lines.joined(separator: "\n")
        let missing = sections.filter { !body.contains($0) }
        guard missing.isEmpty else { return .unusable("回答缺少“\(missing.joined(separator: "”“"))”部分") }
        guard lines.contains(where: { $0.hasPrefix("-") }) else { return .unusable("回答没有列出任何实体或指标（以“- ”开头的行）") }
        if RefusalText.isRefusal(lines.prefix(3).joined()) { return .unusable("回答是道歉或拒绝回答") }
        return CheckedAnswer(value: body + "\n")
    }
}
