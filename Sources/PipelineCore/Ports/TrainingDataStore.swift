import Foundation

/// How an upsert went: items new to the store, and items it already held (same content-derived id).
public struct TrainingUpsertOutcome: Sendable, Equatable {
    public var inserted: Int
    public var existing: Int

    public init(inserted: Int, existing: Int) {
        self.inserted = inserted
        self.existing = existing
    }
}

/// Counts of the whole store.
public struct TrainingStats: Sendable, Equatable {
    public var total: Int
    public var byType: [TrainingDataType: Int]
    /// When the newest item was stored; nil for an empty store.
    public var lastUpdated: Date?

    public init(total: Int, byType: [TrainingDataType: Int], lastUpdated: Date?) {
        self.total = total
        self.byType = byType
        self.lastUpdated = lastUpdated
    }
}

/// Columns the training-data listing may sort by (wire names are the raw values).
public enum TrainingSortField: String, Sendable, CaseIterable {
    case id
    case type = "training_data_type"
    case createdAt = "created_at"
}

/// Filters, order and page of a training-data listing.
public struct TrainingQuery: Sendable, Equatable {
    public var page: Int
    public var pageSize: Int
    public var type: TrainingDataType?
    /// Case-insensitive substring of question or content.
    public var keyword: String?
    public var sortBy: TrainingSortField
    public var descending: Bool

    public init(page: Int = 1, pageSize: Int = 20, type: TrainingDataType? = nil, keyword: String? = nil,
                sortBy: TrainingSortField = .id, descending: Bool = true) {
        self.page = page
        self.pageSize = pageSize
        self.type = type
        self.keyword = keyword
        self.sortBy = sortBy
        self.descending = descending
    }
}

/// One page of items and the number of all matching items.
public struct TrainingPage: Sendable {
    public var items: [TrainingItem]
    public var total: Int

    public init(items: [TrainingItem], total: Int) {
        self.items = items
        self.total = total
    }
}

/// A CSV dump of the store (`vector_bak/training_items_<ts>.csv`).
public struct VectorBackupFile: Sendable, Equatable {
    public var fileName: String
    public var rowCount: Int
    public var bytes: Int64
    public var duration: Double

    public init(fileName: String, rowCount: Int, bytes: Int64, duration: Double) {
        self.fileName = fileName
        self.rowCount = rowCount
        self.bytes = bytes
        self.duration = duration
    }
}

/// What a restore did; it happens in one transaction, so it either all happened or nothing did.
public struct VectorRestoreOutcome: Sendable, Equatable {
    public var rowsInFile: Int
    public var rowsBefore: Int
    public var rowsAfter: Int
    public var duration: Double

    public init(rowsInFile: Int, rowsBefore: Int, rowsAfter: Int, duration: Double) {
        self.rowsInFile = rowsInFile
        self.rowsBefore = rowsBefore
        self.rowsAfter = rowsAfter
        self.duration = duration
    }
}

/// Why the store refused an operation; the messages are user-facing Chinese.
public enum TrainingStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The store holds vectors of another embedding model or dimension; mixing them would make search meaningless.
    case embeddingMismatch(stored: String, storedDimension: Int, given: String, givenDimension: Int)
    /// A vector's length differs from the provider's dimension.
    case badVector(id: String, expected: Int, actual: Int)
    /// A backup file that cannot be restored; nothing was changed.
    case invalidBackup(String)

    public var description: String {
        switch self {
        case let .embeddingMismatch(stored, storedDimension, given, givenDimension):
            return "向量模型不一致: 训练数据库中为 \(stored)（\(storedDimension)维），当前为 \(given)（\(givenDimension)维），请先备份并清空后再加载"
        case let .badVector(id, expected, actual):
            return "向量维度错误: \(id) 应为 \(expected) 维，实际 \(actual) 维"
        case let .invalidBackup(reason):
            return "备份文件无效: \(reason)"
        }
    }
}

/// The training-data store an NL2SQL app retrieves from (ARCHITECTURE.md §3), kept in the state database.
///
/// Items are keyed by their content-derived id, so re-loading adds nothing. Thread-safe.
public protocol TrainingDataStore: AnyObject, Sendable {
    /// Inserts the items that are new; existing ids are left as they are (the first loader keeps its tags).
    func upsert(_ items: [EmbeddedTrainingItem], model: String) throws -> TrainingUpsertOutcome
    /// Deletes the items this task loaded earlier for any of `tables`, or with no table tag at all (task-level
    /// items), whose id is not in `keeping` (re-running one table replaces only that table's items).
    /// Returns how many were deleted.
    func removeStale(taskID: String, tables: [String], keeping: Set<String>) throws -> Int
    func stats() throws -> TrainingStats
    func query(_ query: TrainingQuery) throws -> TrainingPage
    /// The items with these ids that exist.
    func items(ids: [String]) throws -> [TrainingItem]
    /// The items of these types that `taskID` loaded (it is among their owners), by id, at most `limit`.
    func items(ownedBy taskID: String, types: Set<TrainingDataType>, limit: Int) throws -> [TrainingItem]
    /// Deletes the items with these ids; returns the ids that existed.
    func delete(ids: [String]) throws -> Set<String>
    /// Replaces item `id` by `replacement` in one transaction; false (and nothing changed) when `id` does not exist.
    func replace(id: String, with replacement: EmbeddedTrainingItem, model: String) throws -> Bool
    /// The `topK` best items for the request, best first: by the mode's ranking, within its filters.
    func search(_ request: TrainingSearchRequest) throws -> [ScoredTrainingItem]
    /// Writes the whole store as CSV into `directory` (created if missing), atomically.
    func backup(into directory: URL, timestamp: String) throws -> VectorBackupFile
    /// Loads a backup file, optionally emptying the store first, all in one transaction.
    func restore(from file: URL, truncateFirst: Bool) throws -> VectorRestoreOutcome
    /// Empties the store; returns how many items it held.
    func truncate() throws -> Int
}

extension TrainingDataStore {
    /// The `topK` items nearest to `vector` (cosine), optionally only of some types, best first (vector mode).
    public func search(_ vector: [Float], model: String, topK: Int, types: Set<TrainingDataType>) throws
        -> [ScoredTrainingItem] {
        try search(TrainingSearchRequest(question: "", vector: vector, model: model, topK: topK, types: types,
                                         mode: .vector))
    }
}
