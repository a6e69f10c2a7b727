import Foundation

/// Masks known secrets (API keys) and the password of any `postgresql://user:pass@…` URL in free text.
///
/// Defence in depth for texts written to files: the code never puts a key into a prompt or an error on purpose, but
/// a model may echo a connection string it saw, and an endpoint may echo the key it was sent.
public struct SecretRedactor: Sendable {
    /// What replaces a secret.
    public static let mask = "***"

    private let secrets: [String]

    /// A redactor for these secrets; empty ones and ones shorter than 4 characters are ignored (masking every
    /// "a" in a text would hide nothing and ruin the text).
    public init(secrets: [String]) {
        // Longest first, so a secret that contains another is masked whole.
        self.secrets = Array(Set(secrets.filter { $0.count >= 4 })).sorted { $0.count > $1.count }
    }

    /// The text with every secret and every database URL password replaced by `***`.
    public func redact(_ text: String) -> String {
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: Self.mask)
        }
        return Self.maskDatabaseURLPasswords(result)
    }

    /// Replaces the password of every `postgres://` / `postgresql://` URL in the text. A URL runs to the next
    /// whitespace, quote, or angle bracket.
    static func maskDatabaseURLPasswords(_ text: String) -> String {
        guard text.range(of: "postgres", options: .caseInsensitive) != nil else { return text }
        var result = ""
        var rest = Substring(text)
        while let start = rest.range(of: "postgres", options: .caseInsensitive) {
            let candidate = rest[start.lowerBound...]
            let head = candidate.prefix(13).lowercased()
            guard let scheme = ["postgresql://", "postgres://"].first(where: head.hasPrefix) else {
                result += rest[..<start.upperBound]
                rest = rest[start.upperBound...]
                continue
            }
            result += rest[..<start.lowerBound]
            let end = candidate.firstIndex(where: { $0.isWhitespace || "\"'<>`".contains($0) }) ?? candidate.endIndex
            let url = String(candidate[..<end])
            result += maskUserInfoPassword(url, schemeLength: scheme.count)
            rest = candidate[end...]
        }
        return result + rest
    }

    /// `scheme://user:secret@host…` → `scheme://user:***@host…`; the last `@` ends the user info.
    private static func maskUserInfoPassword(_ url: String, schemeLength: Int) -> String {
        let authorityStart = url.index(url.startIndex, offsetBy: schemeLength)
        guard let at = url[authorityStart...].lastIndex(of: "@"),
              let colon = url[authorityStart..<at].firstIndex(of: ":") else { return url }
        var masked = url
        masked.replaceSubrange(masked.index(after: colon)..<at, with: mask)
        return masked
    }
}
