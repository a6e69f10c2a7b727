/// How much step 2 generates (defaults as the predecessor: 5 themes × 10 pairs, but per group of tables, not capped).
public struct QAGenerationOptions: Sendable {
    public var themeCount: Int
    public var pairsPerTheme: Int
    /// Tables per theme-extraction group; a larger schema is split (the predecessor refused more than 20 tables).
    public var maxTablesPerGroup: Int
    /// Themes whose pairs are generated at once.
    public var maxConcurrentThemes: Int
    /// Replacement candidates asked for per theme (kept in `<pair file stem>_candidates.json` for step 3).
    public var sparesPerTheme: Int

    public init(themeCount: Int = 5, pairsPerTheme: Int = 10, maxTablesPerGroup: Int = 20, maxConcurrentThemes: Int = 4,
                sparesPerTheme: Int = 6) {
        self.themeCount = themeCount
        self.pairsPerTheme = pairsPerTheme
        self.maxTablesPerGroup = maxTablesPerGroup
        self.maxConcurrentThemes = maxConcurrentThemes
        self.sparesPerTheme = sparesPerTheme
    }
}
