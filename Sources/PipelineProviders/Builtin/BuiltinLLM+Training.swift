import PipelineCore

// Placeholder until the built-in theme and pair generators land (this session); keeps the package building.
extension BuiltinLLM {
    public func extractThemes(_ request: ThemeRequest) throws -> [AnalysisTheme] { [] }
    public func generatePairs(_ request: PairRequest) throws -> [QuestionSQLPair] { [] }
    public func repairSQL(_ request: SQLRepairRequest) throws -> [String?] { request.items.map { _ in nil } }
    public func describeDatabase(tables: [TableDescription], themes: [AnalysisTheme], businessContext: String) throws -> String { "" }
}
