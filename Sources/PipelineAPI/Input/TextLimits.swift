/// The longest text accepted in each free-text field, in characters, checked when a task or a training item is
/// created or updated and when a query names a filter (docs/api.md §2.11). One table, so a limit is changed in one
/// place and every message has one form: `参数<field>不能超过<N>个字符`.
///
/// Chosen from what real input needs, not from what the database could hold: a business context that helps the
/// model is a few paragraphs (5,000 characters is about three pages of Chinese), while one task's 100,000-character
/// context was repeated in every list page that showed it.
enum TextLimits {
    static let taskName = 255
    static let businessContext = 5_000
    /// PostgreSQL names are at most 63 bytes; a few more characters for a quoted name is still far from abuse.
    static let dbName = 128
    static let dbConnection = 2_048
    /// `POST …/tasks/query` filters other than the name keyword.
    static let filter = 255
    static let nameKeyword = 100
    static let logKeyword = 200
    static let searchKeyword = 100
    static let tableNamePattern = 200
    /// A question: what a user types into a chat box.
    static let question = 2_000
    /// SQL, DDL or documentation of one training item.
    static let content = 100_000

    /// A 400 when `text` is longer than `limit` characters.
    static func check(_ text: String?, field: String, limit: Int) throws {
        guard let text, text.count > limit else { return }
        throw APIError.badRequest("参数\(field)不能超过\(limit)个字符")
    }
}
