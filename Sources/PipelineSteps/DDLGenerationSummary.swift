/// Step 1's summary (`ddl_generation_result.json`).
public struct DDLGenerationSummary: StepResultSummary, Equatable {
    public var totalTables: Int
    public var processedSuccessfully: Int
    public var failed: Int
    public var failedTables: [String]
    public var missingTables: [String]
    /// A `.ddl` and a `_detail.md` per table, plus `filename_mapping.txt` and the semantic model.
    public var filesGenerated: Int
    public var sqlStatements: Int
    public var semanticRelationships: Int
    public var semanticRelationshipsInferred: Int
    public var llmProvider: String
    /// Seconds, two decimals.
    public var duration: Double

    enum CodingKeys: String, CodingKey {
        case totalTables = "total_tables", processedSuccessfully = "processed_successfully", failed
        case failedTables = "failed_tables", missingTables = "missing_tables", filesGenerated = "files_generated"
        case sqlStatements = "sql_statements", semanticRelationships = "semantic_relationships"
        case semanticRelationshipsInferred = "semantic_relationships_inferred", llmProvider = "llm_provider", duration
    }
}
