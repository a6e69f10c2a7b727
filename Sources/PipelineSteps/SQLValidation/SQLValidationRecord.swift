/// What step 3 found out about one pair of the file.
struct SQLValidationRecord: Sendable {
    /// 1-based position among the pairs read from the file.
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

    var repaired: Bool { repairedSQL != nil }
    /// Valid in the end: as written, or after repair.
    var finallyValid: Bool { valid || repaired }
}
