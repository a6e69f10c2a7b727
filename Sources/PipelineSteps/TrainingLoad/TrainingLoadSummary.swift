/// Step 4's summary (`training_load_result.json`): what this task loaded and, separately, the store's totals; with
/// `skip_training`, only the vector management.
public enum TrainingLoadSummary: StepResultSummary {
    case skipped(Skipped)
    case loaded(Loaded)

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .skipped(let skipped): try skipped.encode(to: encoder)
        case .loaded(let loaded): try loaded.encode(to: encoder)
        }
    }

    /// `skip_training`: the backup and truncation only.
    public struct Skipped: Encodable, Sendable {
        public var skippedTraining = true
        public var vectorManagement: VectorManagementSummary
        /// Seconds, two decimals.
        public var duration: Double

        enum CodingKeys: String, CodingKey {
            case skippedTraining = "skipped_training", vectorManagement = "vector_management", duration
        }
    }

    public struct Loaded: Encodable, Sendable {
        /// Items read per file name.
        public var filesProcessed: [String: Int]
        public var itemsLoaded: Int
        public var itemsNew: Int
        public var itemsExisting: Int
        public var itemsRemoved: Int
        /// This task's items per training-data type (every type, zero when none).
        public var byType: [String: Int]
        public var embeddingModel: String
        public var embeddingDimension: Int
        /// The whole store: `total` and every type.
        public var storeTotals: [String: Int]
        public var vectorManagement: VectorManagementSummary
        /// Seconds, two decimals.
        public var duration: Double
        /// Absent when there were no pairs or the self-test failed (logged).
        var retrievalSelfTest: RetrievalSelfTestResult?
        /// A refresh only: the items of tables that are gone, removed after the load.
        public var itemsRemovedGoneTables: Int?

        enum CodingKeys: String, CodingKey {
            case filesProcessed = "files_processed", itemsLoaded = "items_loaded", itemsNew = "items_new"
            case itemsExisting = "items_existing", itemsRemoved = "items_removed", byType = "by_type"
            case embeddingModel = "embedding_model", embeddingDimension = "embedding_dimension"
            case storeTotals = "store_totals", vectorManagement = "vector_management", duration
            case retrievalSelfTest = "retrieval_self_test", itemsRemovedGoneTables = "items_removed_gone_tables"
        }
    }
}

/// `vector_management` of step 4's summary: `null` when neither `backup_vector_tables` nor `truncate_vector_tables`
/// was asked for, otherwise what the backup and the truncation did.
public enum VectorManagementSummary: Encodable, Sendable, Equatable {
    case notRequested
    case performed(Performed)

    public struct Performed: Encodable, Sendable, Equatable {
        public var backupPerformed = true
        public var truncatePerformed: Bool
        public var backupDirectory: String
        public var errors: [String]
        /// Seconds, two decimals.
        public var duration: Double
        /// Absent when the backup failed.
        public var backupFile: String?
        public var rowsBackedUp: Int?
        /// Absent unless the truncation ran and succeeded.
        public var rowsTruncated: Int?

        enum CodingKeys: String, CodingKey {
            case backupPerformed = "backup_performed", truncatePerformed = "truncate_performed"
            case backupDirectory = "backup_directory", errors, duration, backupFile = "backup_file"
            case rowsBackedUp = "rows_backed_up", rowsTruncated = "rows_truncated"
        }
    }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .notRequested:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case .performed(let performed):
            try performed.encode(to: encoder)
        }
    }
}
