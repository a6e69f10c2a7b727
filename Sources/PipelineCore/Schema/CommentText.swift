import Foundation

/// Comment and sample text made fit for one line of a DDL or Markdown file.
public enum CommentText {
    /// The comment without `(NN字)` / `（NN字）` length notes (an LLM habit the predecessor also removed), flattened
    /// to one line; nil when nothing is left.
    public static func clean(_ comment: String?) -> String? {
        guard let comment else { return nil }
        // Only a comment with 字 can hold a note: the others skip compiling the pattern.
        let withoutLengthNotes = !comment.contains("字") ? comment : comment.replacingOccurrences(
            of: #"[(（]\s*\d+\s*字\s*[)）]"#, with: "", options: .regularExpression)
        let flat = singleLine(withoutLengthNotes)
        return flat.isEmpty ? nil : flat
    }

    /// The text on one line: every line break (and other control character) becomes one space, with the spaces
    /// around it, and the ends are trimmed. A newline inside a `--` comment or a Markdown list item would break the
    /// file, so everything the formatters copy from the database or an LLM goes through here.
    public static func singleLine(_ text: String) -> String {
        text.unicodeScalars.split(whereSeparator: isBreaking)
            .map { String(String.UnicodeScalarView($0)).trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }

    /// At most `limit` characters (grapheme clusters, so no character is split).
    public static func prefix(_ text: String, limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit))
    }

    private static func isBreaking(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }
}
