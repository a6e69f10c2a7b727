import Foundation

/// Test output must never carry the stack's real passwords (CI logs are widely readable): every response text that
/// goes into an assertion message passes through here.
enum Redaction {
    /// Passwords of the `DP_TEST_*` connection URLs.
    static let secrets: [String] = {
        let environment = ProcessInfo.processInfo.environment
        return ["DP_TEST_STATE_DATABASE_URL", "DP_TEST_BUSINESS_DATABASE_URL", "DP_TEST_ADMIN_DATABASE_URL"]
            .compactMap { environment[$0] }.compactMap(StackEnvironment.password(in:)).filter { !$0.isEmpty }
    }()

    static func redact(_ text: String) -> String {
        secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: "<password>") }
    }
}

extension HTTPResult {
    /// The body as text with the stack's passwords replaced, for assertion messages.
    var printable: String { Redaction.redact(text) }
}
