import PipelineCore

/// Limits of step 3.
public struct SQLValidationOptions: Sendable {
    /// SQLs checked at once (each holds one business-database connection of the validator's pool).
    public var maxConcurrency: Int
    /// Failed SQLs sent to the repairer in one call.
    public var repairBatchSize: Int
    /// Repair calls made at once.
    public var maxConcurrentRepairs: Int
    /// The execution check after `EXPLAIN` (`DP_SQL_EXECUTION_CHECK`).
    public var executionCheck: SQLExecutionCheckMode

    public init(maxConcurrency: Int = 4, repairBatchSize: Int = 5, maxConcurrentRepairs: Int = 4,
                executionCheck: SQLExecutionCheckMode = .filter) {
        self.maxConcurrency = maxConcurrency
        self.repairBatchSize = repairBatchSize
        self.maxConcurrentRepairs = maxConcurrentRepairs
        self.executionCheck = executionCheck
    }
}
