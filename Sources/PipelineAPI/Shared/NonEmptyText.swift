import Foundation

/// The text trimmed of white space and line breaks, or nil when nothing is left: an empty optional field counts as
/// not given, as in the predecessor.
func nonEmpty(_ text: String?) -> String? {
    guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
    return text
}
