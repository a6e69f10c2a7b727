import Foundation

/// The short Chinese name of a table, taken from its comment (FORMATS.md §1 `中文名`).
public enum ChineseTableName {
    /// The cleaned comment up to the first `，`, else up to the first `。`, else all of it; nil without a comment.
    ///
    /// A comment that starts with the separator would give an empty name; the whole comment is used then.
    public static func from(comment: String?) -> String? {
        guard let cleaned = CommentText.clean(comment) else { return nil }
        for separator: Character in ["，", "。"] {
            if let index = cleaned.firstIndex(of: separator) {
                let name = cleaned[..<index].trimmingCharacters(in: .whitespaces)
                return name.isEmpty ? cleaned : name
            }
        }
        return cleaned
    }
}
