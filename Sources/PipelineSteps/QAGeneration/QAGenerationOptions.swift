/// How much step 2 generates (defaults as the predecessor: 5 themes × 10 pairs, but per group of tables, not capped).
public struct QAGenerationOptions: Sendable {
    /// Themes per group of tables; 0 (the default) scales with a database that fits one group: 5 for up to 8
    /// tables, then 6 tenths of the tables, at most 12 — a 12-table database with four fact tables needs more than
    /// the predecessor's 5; a schema split into groups gets 5 per group (its pairs and validation stay bounded).
    public var themeCount: Int
    public var pairsPerTheme: Int
    /// Tables per theme-extraction group; a larger schema is split (the predecessor refused more than 20 tables).
    public var maxTablesPerGroup: Int
    /// Themes whose pairs are generated at once.
    public var maxConcurrentThemes: Int
    /// Replacement candidates asked for per theme (kept in `<pair file stem>_candidates.json` for step 3).
    public var sparesPerTheme: Int

    public init(themeCount: Int = 0, pairsPerTheme: Int = 10, maxTablesPerGroup: Int = 20, maxConcurrentThemes: Int = 4,
                sparesPerTheme: Int = 6) {
        self.themeCount = themeCount
        self.pairsPerTheme = pairsPerTheme
        self.maxTablesPerGroup = maxTablesPerGroup
        self.maxConcurrentThemes = maxConcurrentThemes
        self.sparesPerTheme = sparesPerTheme
    }

    /// The number of themes asked for a group of `tables` tables.
    public func themes(forGroupOf tables: Int, groups: Int = 1) -> Int {
        guard themeCount == 0 else { return themeCount }
        guard groups == 1 else { return 5 }
        return min(12, max(5, (tables * 6 + 9) / 10))
    }
}
