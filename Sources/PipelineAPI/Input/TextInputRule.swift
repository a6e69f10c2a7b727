/// The one rule for every text a client sends (JSON keys and strings, multipart field values): NUL and the other C0
/// control characters are refused with a 400 naming the API field; tab, line feed and carriage return are allowed
/// (SQL, documentation and business context are multi-line text). PostgreSQL text cannot hold NUL at all (it was a
/// 500, SQLSTATE 22021); the other C0 controls have no meaning in names, SQL or Chinese text and only hide content.
/// C1 controls and DEL are left alone: PostgreSQL stores them and nothing here interprets them.
enum TextInputRule {
    static func isRefused(_ scalar: UInt32) -> Bool {
        scalar < 0x20 && scalar != 0x09 && scalar != 0x0A && scalar != 0x0D
    }

    static func isRefused(_ text: String) -> Bool {
        text.unicodeScalars.contains { isRefused($0.value) }
    }

    /// The 400 for a text input `field` (its API path, e.g. `task_name` or `data[0].sql`) breaking the rule.
    static func refusal(field: String) -> APIError {
        APIError.badRequest("参数\(field)包含不允许的控制字符（如 \\u0000），请删除后重试")
    }
}
