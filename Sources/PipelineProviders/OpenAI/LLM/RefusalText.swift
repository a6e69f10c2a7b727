/// Answers that are no answer: apologies, refusals and placeholders a model writes when it cannot or will not help.
/// The predecessor wrote its own apology string into table comments; nothing like it may reach a file.
enum RefusalText {
    /// Phrases of an apology or refusal (compared case-insensitively).
    static let phrases = [
        "抱歉", "对不起", "无法", "请稍后再试", "作为ai", "作为一个ai",
        "作为人工智能", "我不确定", "我不知道", "i'm sorry", "i am sorry", "sorry,", "as an ai", "i cannot", "i can't",
        "i am unable", "i'm unable", "unable to",
    ]

    /// Whole answers that say nothing.
    static let placeholders: Set<String> = [
        "无", "未知", "暂无", "不详", "待定", "空", "null", "none", "n/a", "na", "unknown", "-", "--", "todo", "tbd", "?", "？",
        "注释", "字段注释", "表注释", "comment",
    ]

    /// Whether `text` apologises or refuses.
    static func isRefusal(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return phrases.contains { lowered.contains($0) }
    }

    /// Whether `text` (already trimmed) is a placeholder instead of content.
    static func isPlaceholder(_ text: String) -> Bool {
        placeholders.contains(text.lowercased())
    }
}
