import Foundation

/// A parsed prompt template: an optional system message and a user message, with `{{placeholders}}`.
///
/// File format: comment lines starting with `#` (documentation for the operator) before the first section, then
/// `[system]` (optional) and `[user]` on lines of their own, each followed by its text.
public struct PromptTemplate: Sendable, Equatable {
    public var system: String?
    public var user: String

    /// Why a template cannot be used; `description` names the file.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var file: String
        public var problem: String
        public var description: String { "\(file): \(problem)" }
    }

    public init(system: String?, user: String) {
        self.system = system
        self.user = user
    }

    /// Parses the text of `file` (the name is only used in the error).
    public static func parse(_ text: String, file: String) throws(Problem) -> PromptTemplate {
        var sections: [String: [Substring]] = [:]
        var current: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed == "[system]" || trimmed == "[user]" {
                guard sections[trimmed] == nil else { throw Problem(file: file, problem: "section \(trimmed) appears twice") }
                sections[trimmed] = []
                current = trimmed
            } else if let section = current {
                sections[section]?.append(line)
            } else if !trimmed.isEmpty, !trimmed.hasPrefix("#") {
                throw Problem(file: file, problem: "text before the first [system] or [user] line (comment lines start with #)")
            }
        }
        func body(_ section: String) -> String? {
            sections[section].map { $0.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines) }
        }
        guard let user = body("[user]"), !user.isEmpty else {
            throw Problem(file: file, problem: "no [user] section, or it is empty")
        }
        let system = body("[system]")
        return PromptTemplate(system: system?.isEmpty == true ? nil : system, user: user)
    }

    /// Every `{{name}}` in the template.
    public var placeholders: Set<String> {
        Set(Self.pieces(user).compactMap(\.placeholder) + Self.pieces(system ?? "").compactMap(\.placeholder))
    }

    /// Checks the placeholders against what `file` requires and allows.
    public func validate(for file: PromptFile, fileName: String) throws(Problem) {
        let present = placeholders
        let missing = file.requiredPlaceholders.subtracting(present).sorted()
        if !missing.isEmpty {
            throw Problem(file: fileName, problem: "missing placeholder(s) \(missing.map { "{{\($0)}}" }.joined(separator: ", "))")
        }
        let unknown = present.subtracting(file.requiredPlaceholders).subtracting(file.optionalPlaceholders).sorted()
        if !unknown.isEmpty {
            throw Problem(file: fileName, problem: "unknown placeholder(s) \(unknown.map { "{{\($0)}}" }.joined(separator: ", "))")
        }
    }

    /// The messages with every placeholder replaced in one pass (a value containing `{{x}}` stays as it is).
    public func messages(_ values: [String: String]) -> [ChatMessage] {
        var messages: [ChatMessage] = []
        if let system { messages.append(.system(Self.fill(system, values))) }
        messages.append(.user(Self.fill(user, values)))
        return messages
    }

    static func fill(_ text: String, _ values: [String: String]) -> String {
        Self.pieces(text).map { piece in
            piece.placeholder.flatMap { values[$0] } ?? piece.text
        }.joined()
    }

    private struct Piece {
        var text: String
        var placeholder: String?
    }

    /// The text cut into literal runs and `{{name}}` placeholders (names of letters, digits and `_`).
    private static func pieces(_ text: String) -> [Piece] {
        var pieces: [Piece] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            let isName = !name.isEmpty && name.unicodeScalars.allSatisfy { $0 == "_" || ("a"..."z").contains($0) || ("0"..."9").contains($0) }
            if isName {
                pieces.append(Piece(text: String(rest[..<open.lowerBound]), placeholder: nil))
                pieces.append(Piece(text: String(rest[open.lowerBound..<close.upperBound]), placeholder: name))
            } else {
                pieces.append(Piece(text: String(rest[..<open.upperBound]), placeholder: nil))
                rest = rest[open.upperBound...]
                continue
            }
            rest = rest[close.upperBound...]
        }
        pieces.append(Piece(text: String(rest), placeholder: nil))
        return pieces
    }
}
