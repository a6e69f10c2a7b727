/// Step 1's summary in a refresh (`ddl_generation_result.json`): what was compared and what was re-documented.
public struct DDLRefreshSummary: StepResultSummary, Equatable {
    public var mode = "refresh"
    public var tablesCompared: Int
    public var tablesChanged: Int
    public var tablesAdded: Int
    public var tablesGone: Int
    public var tablesUnchanged: Int
    public var redocumented: [String]
    public var failedTables: [String]
    public var missingTables: [String]
    public var filesRewritten: Int
    public var sqlStatements: Int
    public var llmProvider: String
    /// Seconds, two decimals.
    public var duration: Double

    enum CodingKeys: String, CodingKey {
        case mode, tablesCompared = "tables_compared", tablesChanged = "tables_changed", tablesAdded = "tables_added"
        case tablesGone = "tables_gone", tablesUnchanged = "tables_unchanged", redocumented
        case failedTables = "failed_tables", missingTables = "missing_tables", filesRewritten = "files_rewritten"
        case sqlStatements = "sql_statements", llmProvider = "llm_provider", duration
    }
}

/// Step 2's summary in a refresh (`qa_generation_result.json`): pairs kept, dropped and added in the pair file.
public struct QARefreshSummary: StepResultSummary, Equatable {
    public var mode = "refresh"
    public var outputFile: String
    public var pairsKept: Int
    public var pairsDropped: Int
    public var pairsAdded: Int
    public var themesRegenerated: [String]
    public var llmProvider: String
    /// Seconds, two decimals.
    public var duration: Double

    enum CodingKeys: String, CodingKey {
        case mode, outputFile = "output_file", pairsKept = "pairs_kept", pairsDropped = "pairs_dropped"
        case pairsAdded = "pairs_added", themesRegenerated = "themes_regenerated", llmProvider = "llm_provider", duration
    }
}
