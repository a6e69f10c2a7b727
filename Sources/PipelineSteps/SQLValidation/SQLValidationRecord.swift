/// What step 3 found out about one pair of the file.
struct SQLValidationRecord: Sendable {
    /// 1-based position among the items of the file (malformed ones included).
    var index: Int
    var question: String
    var sql: String
    var valid: Bool
    var error: String?
    var executionTime: Double
    var retries: Int
    var repairAttempted = false
    var repairedSQL: String?
    var repairError: String?
    /// Not a pair at all (not an object, or its question or sql missing or not text): invalid, never sent to
    /// validation or repair, written back unchanged.
    var malformed = false

    var repaired: Bool { repairedSQL != nil }
    /// Valid in the end: as written, or after repair.
    var finallyValid: Bool { valid || repaired }
}
