/// Step 2's summary (`qa_generation_result.json`).
public struct QAGenerationSummary: StepResultSummary, Equatable {
    public var totalTables: Int
    public var tableGroups: Int
    public var totalThemes: Int
    public var successfulThemes: Int
    public var failedThemes: [String]
    public var totalQuestions: Int
    public var duplicatesDropped: Int
    public var replacementCandidates: Int
    /// The pair file written (`qs_<db>_<ts>_pair.json`).
    public var outputFile: String
    public var llmProvider: String
    /// Seconds, two decimals.
    public var duration: Double

    enum CodingKeys: String, CodingKey {
        case totalTables = "total_tables", tableGroups = "table_groups", totalThemes = "total_themes"
        case successfulThemes = "successful_themes", failedThemes = "failed_themes"
        case totalQuestions = "total_questions", duplicatesDropped = "duplicates_dropped"
        case replacementCandidates = "replacement_candidates", outputFile = "output_file"
        case llmProvider = "llm_provider", duration
    }
}
