import Foundation

extension TableDescription {
    /// Whether the table or any column still lacks a comment.
    public var needsComments: Bool {
        comment == nil || columns.contains { $0.comment == nil }
    }

    /// The table with missing comments filled from `generated`, columns matched by name; existing comments stay.
    public func filling(_ generated: GeneratedComments) -> TableDescription {
        var result = self
        if result.comment == nil { result.comment = Self.nonBlank(generated.tableComment) }
        for index in result.columns.indices where result.columns[index].comment == nil {
            result.columns[index].comment = Self.nonBlank(generated.columnComments[result.columns[index].name])
        }
        return result
    }

    private static func nonBlank(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }
}
