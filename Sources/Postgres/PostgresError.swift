/// A failure talking to PostgreSQL or reading its answer.
///
/// `description` is generic on purpose (safe to show a client); `debugDescription` carries the server's message
/// for logs, with passwords and URL credentials already masked.
public struct PostgresError: Error, CustomStringConvertible, CustomDebugStringConvertible {
    /// What failed.
    public enum Kind: Sendable {
        /// Connecting failed, or the connection broke.
        case connection
        /// The server rejected a statement.
        case query
        /// A value in a result could not be read as the requested type.
        case decoding
    }

    /// What failed.
    public let kind: Kind
    /// The five-character SQLSTATE from the server (e.g. `23505`), when there is one.
    public let sqlState: String?
    /// The primary message, redacted (e.g. `column "x" does not exist`).
    public var serverMessage: String? { message }
    /// True when the connection is gone: retrying on a fresh connection may help.
    public var isConnectionFailure: Bool {
        if kind == .connection || connectionWasBad { return true }
        guard let sqlState else { return false }
        return sqlState.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(sqlState)
    }

    private let message: String?
    private let detail: String?
    private let hint: String?
    /// `PQstatus` was `CONNECTION_BAD` right after the failure.
    private let connectionWasBad: Bool

    /// Makes an error; the texts are redacted here, with `secrets` (e.g. the connection's password) masked as well.
    /// Public so that fakes in other modules' tests can throw realistic errors.
    public init(
        kind: Kind, sqlState: String? = nil, message: String? = nil, detail: String? = nil, hint: String? = nil,
        connectionWasBad: Bool = false, secrets: [String] = []
    ) {
        self.kind = kind
        self.sqlState = sqlState.flatMap { $0.isEmpty ? nil : $0 }
        self.message = message.map { Self.redact($0, secrets: secrets) }
        self.detail = detail.map { Self.redact($0, secrets: secrets) }
        self.hint = hint.map { Self.redact($0, secrets: secrets) }
        self.connectionWasBad = connectionWasBad
    }

    /// A generic sentence: never a connection string, host, password or query text.
    public var description: String {
        let state = sqlState.map { " (SQLSTATE \($0))" } ?? ""
        switch kind {
        case .connection: return "PostgreSQL connection failed\(state)"
        case .query: return "PostgreSQL query failed\(state)"
        case .decoding: return "PostgreSQL result could not be decoded"
        }
    }

    /// The generic sentence plus the server's message, detail and hint, redacted; for logs.
    public var debugDescription: String {
        var text = description
        if let message { text += ": " + message }
        if let detail { text += " DETAIL: " + detail }
        if let hint { text += " HINT: " + hint }
        return text
    }

    /// Masks each secret (as given and percent-encoded), then anything credential-shaped.
    static func redact(_ text: String, secrets: [String]) -> String {
        var text = text
        for secret in secrets where !secret.isEmpty {
            text = text.replacingAll(secret, with: "***")
            let encoded = PostgresURL.percentEncoded(secret)
            if encoded != secret { text = text.replacingAll(encoded, with: "***") }
        }
        // libpq's messages are multi-line; one line reads better in logs.
        let oneLine = text.split(whereSeparator: \.isNewline).map { $0.trimmingSpaces() }.joined(separator: " ")
        return PostgresURL.redacted(oneLine)
    }
}

extension String {
    /// Replaces every occurrence, comparing Unicode scalars (not Characters, so a secret ending in a character that
    /// a following combining mark would merge with is still found).
    func replacingAll(_ target: String, with replacement: String) -> String {
        let source = Array(unicodeScalars), needle = Array(target.unicodeScalars)
        guard !needle.isEmpty, source.count >= needle.count else { return self }
        var out = String.UnicodeScalarView()
        var index = 0
        while index < source.count {
            if index + needle.count <= source.count, source[index..<(index + needle.count)].elementsEqual(needle) {
                out.append(contentsOf: replacement.unicodeScalars)
                index += needle.count
            } else {
                out.append(source[index])
                index += 1
            }
        }
        return String(out)
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> Substring {
        var slice = self
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return slice
    }
}
