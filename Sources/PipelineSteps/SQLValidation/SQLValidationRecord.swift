import PipelineCore

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
    /// The execution check's class (nil when it did not run: check off, or the SQL invalid in the end).
    var execution: SQLExecutionClass?
    var executionReason: String?
    /// The first rows it returned (the report shows a few of them).
    var sample: SQLResultSample?
    /// Taken out of the pair file by the execution check (`filter` mode, class other than `ok`).
    var filtered = false
    /// What stands in its place in a rewritten pair file (a candidate or the model's rewrite that ran `ok`).
    var replacement: PairFileEntry?

    var repaired: Bool { repairedSQL != nil }
    /// Valid in the end: as written, or after repair.
    var finallyValid: Bool { valid || repaired }
    /// Stays in a rewritten pair file.
    var kept: Bool { finallyValid && !filtered }
    /// The SQL the pair carries in the end.
    var finalSQL: String { repairedSQL ?? sql }
}
