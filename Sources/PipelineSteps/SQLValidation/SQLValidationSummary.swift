/// Step 3's summary (`sql_validation_result.json`, and `summary` of the JSON report).
public struct SQLValidationSummary: StepResultSummary, Equatable {
    public struct RepairStats: Encodable, Sendable, Equatable {
        public var attempted: Int
        public var successful: Int
        public var failed: Int
    }

    public struct FileModificationStats: Encodable, Sendable, Equatable {
        public var modified: Int
        public var deleted: Int
        public var failedModifications: Int

        enum CodingKeys: String, CodingKey {
            case modified, deleted, failedModifications = "failed_modifications"
        }
    }

    /// `execution_check` (docs/execution-check.md): the mode, how many pairs were run, the count per class and
    /// how many left the file or were replaced.
    public struct ExecutionCheck: Encodable, Sendable, Equatable {
        public var mode: String
        public var checked: Int
        /// Every class, zero when none.
        public var classes: [String: Int]
        public var filtered: Int
        public var replaced: Int
    }

    public var inputFile: String
    public var originalSQLCount: Int
    public var validSQLCount: Int
    public var invalidSQLCount: Int
    /// Four decimals.
    public var successRate: Double
    public var repairStats: RepairStats
    public var fileModificationStats: FileModificationStats
    /// Seconds per pair, four decimals.
    public var averageExecutionTime: Double
    public var totalRetries: Int
    public var executionCheck: ExecutionCheck
    /// Seconds, two decimals.
    public var duration: Double

    enum CodingKeys: String, CodingKey {
        case inputFile = "input_file", originalSQLCount = "original_sql_count", validSQLCount = "valid_sql_count"
        case invalidSQLCount = "invalid_sql_count", successRate = "success_rate", repairStats = "repair_stats"
        case fileModificationStats = "file_modification_stats", averageExecutionTime = "average_execution_time"
        case totalRetries = "total_retries", executionCheck = "execution_check", duration
    }
}
