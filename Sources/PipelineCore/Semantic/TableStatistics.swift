/// What the planner's statistics and the catalog say about one column (read set-based in step 1's catalog phase).
public struct ColumnStatistics: Sendable, Equatable {
    public var nullFraction: Double
    /// `pg_stats.n_distinct`: positive, a count; negative, minus the share of rows that are distinct.
    public var distinct: Double
    public var mostCommonValues: [String]
    public var mostCommonFrequencies: [Double]
    /// First and last histogram bound (the sampled extremes apart from the most common values).
    public var histogramLow: String?
    public var histogramHigh: String?

    public init(nullFraction: Double, distinct: Double, mostCommonValues: [String], mostCommonFrequencies: [Double],
                histogramLow: String? = nil, histogramHigh: String? = nil) {
        self.nullFraction = nullFraction
        self.distinct = distinct
        self.mostCommonValues = mostCommonValues
        self.mostCommonFrequencies = mostCommonFrequencies
        self.histogramLow = histogramLow
        self.histogramHigh = histogramHigh
    }

    /// The estimated number of distinct values in a table of `rows` rows.
    public func distinctCount(rows: Int64?) -> Int64? {
        if distinct > 0 { return Int64(distinct.rounded()) }
        guard distinct < 0, let rows, rows > 0 else { return nil }
        return Int64((-distinct * Double(rows)).rounded())
    }
}

/// Catalog and statistics facts of one table beyond its `TableDescription`.
public struct TableStatistics: Sendable, Equatable {
    /// Statistics by column name (columns without statistics are absent).
    public var columns: [String: ColumnStatistics]
    /// Labels of columns whose type is an enum, in declared order.
    public var enumLabels: [String: [String]]
    /// Columns that alone are a unique key (primary key or unique index): what a relationship may point at.
    public var uniqueColumns: Set<String>
    /// Columns that lead some index (a bounded min/max may use it).
    public var indexedColumns: Set<String>
    /// `pg_get_constraintdef` of the check constraints.
    public var checkConstraints: [String]

    public init(columns: [String: ColumnStatistics] = [:], enumLabels: [String: [String]] = [:],
                uniqueColumns: Set<String> = [], indexedColumns: Set<String> = [], checkConstraints: [String] = []) {
        self.columns = columns
        self.enumLabels = enumLabels
        self.uniqueColumns = uniqueColumns
        self.indexedColumns = indexedColumns
        self.checkConstraints = checkConstraints
    }
}

/// The lowest and highest value of a column, as text.
public struct ValueRange: Sendable, Equatable {
    public var min: String
    public var max: String

    public init(min: String, max: String) {
        self.min = min
        self.max = max
    }
}

/// What sampling found beyond the documented table: exact ranges of indexed time columns.
public struct SampledFacts: Sendable, Equatable {
    /// By column name: `min`/`max` read through an index (two index descents, never a scan).
    public var timeRanges: [String: ValueRange]

    public init(timeRanges: [String: ValueRange] = [:]) {
        self.timeRanges = timeRanges
    }
}

/// A relationship proposed by name, to be confirmed on the data.
public struct RelationshipCandidate: Sendable, Equatable, Hashable {
    public var child: TableReference
    public var childColumn: String
    public var parent: TableReference
    public var parentColumn: String
    /// The name rule (`RelationshipEvidence.rule`) and its weight (0…1).
    public var rule: String
    public var weight: Double
    /// Whether the child table is large enough to be sampled by blocks rather than read from its start.
    public var childIsLarge: Bool

    public init(child: TableReference, childColumn: String, parent: TableReference, parentColumn: String,
                rule: String, weight: Double, childIsLarge: Bool) {
        self.child = child
        self.childColumn = childColumn
        self.parent = parent
        self.parentColumn = parentColumn
        self.rule = rule
        self.weight = weight
        self.childIsLarge = childIsLarge
    }
}

/// The data's answer for one candidate.
public struct RelationshipCheck: Sendable, Equatable {
    public var candidate: RelationshipCandidate
    public var sampledValues: Int
    public var foundValues: Int

    public init(candidate: RelationshipCandidate, sampledValues: Int, foundValues: Int) {
        self.candidate = candidate
        self.sampledValues = sampledValues
        self.foundValues = foundValues
    }
}
