import PipelineCore

/// Question templates over one table: counts, filters on enum values, group-by aggregates, top-N, time ranges,
/// monthly trends, shares and above-average subqueries. Every SQL is one `SELECT` ending with `;`, uses the table's
/// exact identifiers and Chinese aliases, and leaves soft-deleted rows out.
struct SingleTableQuestions {
    let profile: TableProfile

    private var from: String { " FROM \(profile.sqlName)" }
    private var live: String? { profile.liveRowsCondition() }
    private var entity: String { profile.entity }
    private var tables: [TableReference] { [profile.table.reference] }

    func all() -> [PairDraft] {
        var drafts = [count()]
        drafts += profile.dimensions.prefix(2).map(countByDimension)
        drafts += enumFilter().map { [$0] } ?? []
        drafts += profile.dimensions.first.map { [distinctCount($0)] } ?? []
        drafts += profile.timeColumns.first.map { [timeSpan($0)] } ?? []
        for (index, measure) in profile.measures.prefix(3).enumerated() {
            if index == 0 { drafts.append(statistics(measure)) }
            drafts.append(topRows(measure))
            if let dimension = profile.dimensions.first {
                drafts.append(sumByDimension(measure, dimension))
                drafts.append(topDimensions(measure, dimension))
                // A share of a total needs a measure that adds up.
                if profile.isAdditive(measure) { drafts.append(share(measure, dimension)) }
            }
            if let time = profile.timeColumns.first {
                drafts += monthTotal(measure, time).map { [$0] } ?? []
                drafts.append(monthlyTrend(measure, time))
            }
            drafts.append(aboveAverage(measure))
        }
        return drafts
    }

    private func draft(_ question: String, _ sql: String, _ difficulty: QuestionDifficulty) -> PairDraft {
        PairDraft(question: question, sql: sql + ";", difficulty: difficulty, tables: tables)
    }

    func count() -> PairDraft {
        draft("\(entity)共有多少条记录？", "SELECT COUNT(*) AS 记录数\(from)\(SQLText.whereClause([live]))", .easy)
    }

    func countByDimension(_ dimension: ColumnDescription) -> PairDraft {
        let label = TableProfile.label(dimension)
        let column = SQLText.column(dimension)
        return draft("按\(label)统计\(entity)的数量，从多到少排列。",
                     "SELECT \(column) AS \(SQLText.alias(label)), COUNT(*) AS 数量\(from)\(SQLText.whereClause([live])) GROUP BY \(column) ORDER BY 数量 DESC",
                     .medium)
    }

    func enumFilter() -> PairDraft? {
        guard let dimension = profile.dimensions.first(where: { !($0.enumValues ?? []).isEmpty }),
              let value = dimension.enumValues?.first else { return nil }
        let label = TableProfile.label(dimension)
        return draft("\(label)为“\(value)”的\(entity)有多少条？",
                     "SELECT COUNT(*) AS 数量\(from)\(SQLText.whereClause([live, "\(SQLText.column(dimension)) = \(SQLText.literal(value))"]))",
                     .easy)
    }

    func distinctCount(_ dimension: ColumnDescription) -> PairDraft {
        let label = TableProfile.label(dimension)
        return draft("\(entity)中共涉及多少个不同的\(label)？",
                     "SELECT COUNT(DISTINCT \(SQLText.column(dimension))) AS \(SQLText.alias(label + "数量"))\(from)\(SQLText.whereClause([live]))",
                     .easy)
    }

    func timeSpan(_ time: ColumnDescription) -> PairDraft {
        let label = TableProfile.label(time)
        let column = SQLText.column(time)
        return draft("\(entity)的\(label)最早和最晚分别是什么时候？",
                     "SELECT MIN(\(column)) AS \(SQLText.alias("最早" + label)), MAX(\(column)) AS \(SQLText.alias("最晚" + label))\(from)\(SQLText.whereClause([live]))",
                     .easy)
    }

    func statistics(_ measure: ColumnDescription) -> PairDraft {
        let label = TableProfile.label(measure)
        let column = SQLText.column(measure)
        return draft("\(entity)的\(label)平均值、最大值和最小值分别是多少？",
                     "SELECT ROUND(AVG(\(column))::numeric, 2) AS \(SQLText.alias("平均" + label)), MAX(\(column)) AS \(SQLText.alias("最大" + label)), MIN(\(column)) AS \(SQLText.alias("最小" + label))\(from)\(SQLText.whereClause([live]))",
                     .medium)
    }

    func topRows(_ measure: ColumnDescription) -> PairDraft {
        let label = TableProfile.label(measure)
        var selected = [profile.nameColumn].compactMap { $0 }
        selected += profile.timeColumns.prefix(1)
        selected = selected.filter { $0.name != measure.name }
        let columns = (selected + [measure]).map { "\(SQLText.column($0)) AS \(SQLText.alias(TableProfile.label($0)))" }
        return draft("\(label)最高的10条\(entity)记录是哪些？",
                     "SELECT \(columns.joined(separator: ", "))\(from)\(SQLText.whereClause([live, "\(SQLText.column(measure)) IS NOT NULL"])) ORDER BY \(SQLText.column(measure)) DESC LIMIT 10",
                     .easy)
    }

    func sumByDimension(_ measure: ColumnDescription, _ dimension: ColumnDescription) -> PairDraft {
        let dimensionLabel = TableProfile.label(dimension)
        let dimensionColumn = SQLText.column(dimension)
        let total = SQLText.alias(profile.totalLabel(measure))
        return draft("统计各\(dimensionLabel)的\(profile.totalLabel(measure))，并按从高到低排列。",
                     "SELECT \(dimensionColumn) AS \(SQLText.alias(dimensionLabel)), \(profile.aggregate(measure))(\(SQLText.column(measure))) AS \(total)\(from)\(SQLText.whereClause([live])) GROUP BY \(dimensionColumn) ORDER BY \(total) DESC NULLS LAST",
                     .medium)
    }

    func topDimensions(_ measure: ColumnDescription, _ dimension: ColumnDescription) -> PairDraft {
        let dimensionLabel = TableProfile.label(dimension)
        let dimensionColumn = SQLText.column(dimension)
        let total = SQLText.alias(profile.totalLabel(measure))
        return draft("\(profile.totalLabel(measure))排名前5的\(dimensionLabel)是哪些？",
                     "SELECT \(dimensionColumn) AS \(SQLText.alias(dimensionLabel)), \(profile.aggregate(measure))(\(SQLText.column(measure))) AS \(total)\(from)\(SQLText.whereClause([live, "\(dimensionColumn) IS NOT NULL"])) GROUP BY \(dimensionColumn) ORDER BY \(total) DESC NULLS LAST LIMIT 5",
                     .hard)
    }

    func share(_ measure: ColumnDescription, _ dimension: ColumnDescription) -> PairDraft {
        let measureLabel = TableProfile.label(measure)
        let dimensionLabel = TableProfile.label(dimension)
        let dimensionColumn = SQLText.column(dimension)
        let sum = "\(profile.aggregate(measure))(\(SQLText.column(measure)))"
        return draft("各\(dimensionLabel)的\(measureLabel)占总量的百分比是多少？",
                     "SELECT \(dimensionColumn) AS \(SQLText.alias(dimensionLabel)), \(sum) AS \(SQLText.alias(profile.totalLabel(measure))), ROUND(100.0 * \(sum) / NULLIF(SUM(\(sum)) OVER (), 0), 2) AS 占比百分比\(from)\(SQLText.whereClause([live])) GROUP BY \(dimensionColumn) ORDER BY 占比百分比 DESC NULLS LAST",
                     .hard)
    }

    func monthTotal(_ measure: ColumnDescription, _ time: ColumnDescription) -> PairDraft? {
        guard let month = time.samples.lazy.compactMap(SQLText.month(ofSample:)).first else { return nil }
        let range = SQLText.monthRange(SQLText.column(time), year: month.year, month: month.month)
        return draft("\(month.year)年\(month.month)月\(entity)的\(profile.totalLabel(measure))是多少？",
                     "SELECT \(profile.aggregate(measure))(\(SQLText.column(measure))) AS \(SQLText.alias(profile.totalLabel(measure)))\(from)\(SQLText.whereClause([live, range]))",
                     .medium)
    }

    func monthlyTrend(_ measure: ColumnDescription, _ time: ColumnDescription) -> PairDraft {
        let month = "date_trunc('month', \(SQLText.column(time)))"
        return draft("按月统计\(entity)的\(profile.totalLabel(measure))，看看变化趋势。",
                     "SELECT \(month)::date AS 月份, \(profile.aggregate(measure))(\(SQLText.column(measure))) AS \(SQLText.alias(profile.totalLabel(measure)))\(from)\(SQLText.whereClause([live, "\(SQLText.column(time)) IS NOT NULL"])) GROUP BY \(month) ORDER BY 月份",
                     .medium)
    }

    func aboveAverage(_ measure: ColumnDescription) -> PairDraft {
        let label = TableProfile.label(measure)
        let column = SQLText.column(measure)
        var selected = [profile.nameColumn].compactMap { $0 }.filter { $0.name != measure.name }
        selected.append(measure)
        let columns = selected.map { "\(SQLText.column($0)) AS \(SQLText.alias(TableProfile.label($0)))" }
        let average = "(SELECT AVG(\(column))\(from)\(SQLText.whereClause([live])))"
        return draft("\(label)高于平均水平的\(entity)有哪些？列出前20条。",
                     "SELECT \(columns.joined(separator: ", "))\(from)\(SQLText.whereClause([live, "\(column) > \(average)"])) ORDER BY \(column) DESC LIMIT 20",
                     .hard)
    }
}
