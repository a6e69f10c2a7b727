import PipelineCore

/// How a fact's main measure moves over time: monthly trends, month-over-month and year-over-year change, the last
/// 30 days, weekdays against weekends, quarters, the best month and weekly rhythm. Relative periods are literal
/// ranges anchored on the latest date in the data.
struct TrendAnalyses {
    let fact: FactView

    func all() -> [PairDraft] {
        guard let measure = fact.primary, let time = fact.time else { return [] }
        let second = fact.measures.dropFirst().first { $0.unit != measure.unit }
        var drafts: [PairDraft?] = [
            monthly(measure, time),
            monthOverMonth(measure, time),
            yearOverYear(measure, time),
            lastDays(measure, time),
            weekdayWeekend(measure, time),
            quarters(measure, time),
            bestMonth(measure, time),
            weekdays(measure, time),
        ]
        drafts.append(fact.categories.first.flatMap { monthlyBy(measure, time, $0) })
        drafts.append(sameStretch(measure, time))
        if let second {
            drafts.append(monthly(second, time))
            drafts.append(monthOverMonth(second, time))
        }
        drafts.append(fact.labels.first.flatMap { monthlyBy(measure, time, $0, top: true) })
        return drafts.compactMap { $0 }
    }

    private func key(_ parts: String...) -> String { ([fact.table.name, "trend"] + parts).joined(separator: "|") }

    private func month(_ query: AnalysisQuery, _ time: TimeTerm) -> String { "TO_CHAR(\(query.time(time)), 'YYYY-MM')" }

    /// 每个月的营收是多少？
    func monthly(_ measure: MeasureTerm, _ time: TimeTerm) -> PairDraft {
        var query = AnalysisQuery(fact)
        query.select = ["\(month(query, time)) AS 月份", "\(query.aggregate(measure)) AS \(measure.alias)"]
        query.groupBy = [month(query, time)]
        query.orderBy = ["月份"]
        let question = AnalysisDraft.pick([
            "每个月的\(measure.aggregateName)是多少？看一下月度趋势",
            "按月统计\(measure.aggregateName)的变化趋势",
            "\(measure.aggregateName)的月度走势如何？",
        ], key: key("monthly", measure.column.name))
        return AnalysisDraft.make(question, query)
    }

    /// 营收每个月的环比增长率是多少？
    func monthOverMonth(_ measure: MeasureTerm, _ time: TimeTerm) -> PairDraft? {
        guard measure.additive else { return nil }
        var query = AnalysisQuery(fact)
        query.select = ["\(month(query, time)) AS 月份", "\(query.aggregate(measure)) AS 本月"]
        query.groupBy = [month(query, time)]
        let sql = "WITH 月度 AS (\(query.body)) SELECT 月份, 本月 AS \(measure.alias), LAG(本月) OVER (ORDER BY 月份) AS 上月, "
            + "ROUND((100.0 * (本月 - LAG(本月) OVER (ORDER BY 月份)) / NULLIF(LAG(本月) OVER (ORDER BY 月份), 0))::numeric, 2) AS 环比增长率 "
            + "FROM 月度 ORDER BY 月份;"
        let question = AnalysisDraft.pick([
            "\(measure.name)每个月的环比增长率是多少？",
            "每月\(measure.name)和上个月相比变化了多少（环比）？",
        ], key: key("mom", measure.column.name))
        return AnalysisDraft.make(question, sql: sql, tables: query.tables)
    }

    /// 今年每个月的营收和去年同月相比增长了多少？
    func yearOverYear(_ measure: MeasureTerm, _ time: TimeTerm) -> PairDraft? {
        guard measure.additive, let (start, end) = time.thisYearRange, let (previousStart, _) = time.sameStretchLastYear,
              let months = time.months, months >= 13 else { return nil }
        var query = AnalysisQuery(fact)
        let reference = query.column(measure.column.name)
        let monthNumber = "EXTRACT(MONTH FROM \(query.time(time)))::int"
        let thisYear = "SUM(\(reference)) FILTER (WHERE \(query.time(time)) >= \(start.literal))"
        let lastYear = "SUM(\(reference)) FILTER (WHERE \(query.time(time)) < \(start.literal))"
        query.select = ["\(monthNumber) AS 月", "\(thisYear) AS 今年", "\(lastYear) AS 去年同期",
                        "ROUND((100.0 * (\(thisYear) - \(lastYear)) / NULLIF(\(lastYear), 0))::numeric, 2) AS 同比增长率"]
        query.conditions = ["\(query.time(time)) >= \(previousStart.literal) AND \(query.time(time)) < \(end.literal)",
                            "\(monthNumber) <= \(end.adding(days: -1).month)"]
        query.groupBy = [monthNumber]
        query.orderBy = ["月"]
        let question = AnalysisDraft.pick([
            "今年每个月的\(measure.name)和去年同月相比，同比增长了多少？",
            "\(measure.name)按月的同比变化是多少？",
        ], key: key("yoy", measure.column.name))
        return AnalysisDraft.make(question, query)
    }

    /// 最近30天每天的车流量是多少？
    func lastDays(_ measure: MeasureTerm, _ time: TimeTerm) -> PairDraft? {
        guard fact.hasDailyRows, let (start, end) = time.last30DaysRange else { return nil }
        var query = AnalysisQuery(fact)
        let day = time.granularity == .day ? query.time(time) : "\(query.time(time))::date"
        query.select = ["\(day) AS 日期", "\(query.aggregate(measure)) AS \(measure.alias)"]
        query.conditions = [query.range(time, from: start, to: end)]
        query.groupBy = [day]
        query.orderBy = ["日期"]
        let question = AnalysisDraft.pick([
            "最近30天每天的\(measure.aggregateName)是多少？",
            "近一个月\(measure.aggregateName)的每日走势",
        ], key: key("days", measure.column.name))
        return AnalysisDraft.make(question, query)
    }

    /// 周末和工作日平均每天的车流量各是多少？
    func weekdayWeekend(_ measure: MeasureTerm, _ time: TimeTerm) -> PairDraft? {
        guard measure.additive, fact.hasDailyRows else { return nil }
        var query = AnalysisQuery(fact)
        let bucket = "CASE WHEN EXTRACT(ISODOW FROM \(query.time(time))) IN (6, 7) THEN '周末' ELSE '工作日' END"
        let days = query.distinctDays(time)
        query.select = ["\(bucket) AS 日期类型", "ROUND((\(query.aggregate(measure)) / NULLIF(\(days), 0))::numeric, 2) AS \(AnalysisNames.alias("日均" + measure.name))"]
        query.groupBy = [bucket]
        let question = AnalysisDraft.pick([
            "周末和工作日平均每天的\(measure.name)各是多少？",
            "工作日和周末相比，日均\(measure.name)有什么差别？",
        ], key: key("weekend", measure.column.name))
        return AnalysisDraft.make(question, query)
    }

    /// 去年每个季度的营收是多少？
    func quarters(_ measure: MeasureTerm, _ time: TimeTerm) -> PairDraft? {
        guard let (start, end) = time.lastYearRange else { return nil }
        var query = AnalysisQuery(fact)
        let quarter = "EXTRACT(QUARTER FROM \(query.time(time)))::int"
        query.select = ["\(quarter) AS 季度", "\(query.aggregate(measure)) AS \(measure.alias)"]
        query.conditions = [query.range(time, from: start, to: end)]
        query.groupBy = [quarter]
        query.orderBy = ["季度"]
        let question = AnalysisDraft.pick([
            "去年（\(start.year)年）每个季度的\(measure.aggregateName)是多少？哪个季度最好？",
            "\(start.year)年各季度的\(measure.aggregateName)分别是多少？",
        ], key: key("quarters", measure.column.name))
        return AnalysisDraft.make(question, query)
    }

    /// 营收最高的是哪个月？
    func bestMonth(_ measure: MeasureTerm, _ time: TimeTerm) -> PairDraft {
        var query = AnalysisQuery(fact)
        query.select = ["\(month(query, time)) AS 月份", "\(query.aggregate(measure)) AS \(measure.alias)"]
        query.groupBy = [month(query, time)]
        query.orderBy = ["\(measure.alias) DESC NULLS LAST"]
        query.limit = 3
        let question = AnalysisDraft.pick([
            "\(measure.aggregateName)最高的是哪几个月？列出前三",
            "哪个月的\(measure.aggregateName)最高？",
        ], key: key("best-month", measure.column.name))
        return AnalysisDraft.make(question, query)
    }

    /// 一周里哪天的车流量最大？
    func weekdays(_ measure: MeasureTerm, _ time: TimeTerm) -> PairDraft? {
        guard measure.additive, fact.hasDailyRows else { return nil }
        var query = AnalysisQuery(fact)
        let weekday = "EXTRACT(ISODOW FROM \(query.time(time)))::int"
        let days = query.distinctDays(time)
        let name = AnalysisNames.alias("日均" + measure.name)
        query.select = ["\(weekday) AS 星期几", "ROUND((\(query.aggregate(measure)) / NULLIF(\(days), 0))::numeric, 2) AS \(name)"]
        query.groupBy = [weekday]
        query.orderBy = ["\(name) DESC"]
        let question = AnalysisDraft.pick([
            "一周里星期几的\(measure.name)最高？按日均值排",
            "周一到周日平均每天的\(measure.name)分别是多少？",
        ], key: key("weekdays", measure.column.name))
        return AnalysisDraft.make(question, query)
    }

    /// 今年各车辆类别每个月的车流量是多少？ (or the top 5 names' months)
    func monthlyBy(_ measure: MeasureTerm, _ time: TimeTerm, _ dimension: DimensionTerm, top: Bool = false) -> PairDraft? {
        guard let (start, end) = time.thisYearRange else { return nil }
        var query = AnalysisQuery(fact, joining: [dimension.path])
        let group = query.column(dimension)
        query.select = ["\(month(query, time)) AS 月份", "\(group) AS \(AnalysisNames.alias(dimension.noun))", "\(query.aggregate(measure)) AS \(measure.alias)"]
        query.conditions = [query.range(time, from: start, to: end)]
        query.groupBy = [month(query, time), group]
        query.orderBy = ["月份", "\(measure.alias) DESC NULLS LAST"]
        if top {
            var totals = query
            totals.select = [group]
            totals.groupBy = [group]
            totals.orderBy = ["\(query.aggregate(measure)) DESC NULLS LAST"]
            totals.limit = 5
            query.conditions.append("\(group) IN (\(totals.body))")
        }
        let question = top
            ? "今年\(measure.aggregateName)排名前5的\(dimension.noun)，每个月分别是多少？"
            : AnalysisDraft.pick([
                "今年各\(dimension.noun)每个月的\(measure.aggregateName)是多少？",
                "今年按月、按\(dimension.noun)统计\(measure.aggregateName)",
            ], key: key("monthly-by", measure.column.name, dimension.column))
        return AnalysisDraft.make(question, query)
    }

    /// 今年以来的营收和去年同期相比增长了多少？
    func sameStretch(_ measure: MeasureTerm, _ time: TimeTerm) -> PairDraft? {
        guard measure.additive, let (start, end) = time.thisYearRange, let (previousStart, previousEnd) = time.sameStretchLastYear else { return nil }
        var query = AnalysisQuery(fact)
        let reference = query.column(measure.column.name)
        let thisYear = "SUM(\(reference)) FILTER (WHERE \(query.range(time, from: start, to: end)))"
        let lastYear = "SUM(\(reference)) FILTER (WHERE \(query.range(time, from: previousStart, to: previousEnd)))"
        query.select = ["\(thisYear) AS 今年以来", "\(lastYear) AS 去年同期",
                        "ROUND((100.0 * (\(thisYear) - \(lastYear)) / NULLIF(\(lastYear), 0))::numeric, 2) AS 增长率"]
        query.conditions = ["\(query.time(time)) >= \(previousStart.literal) AND \(query.time(time)) < \(end.literal)"]
        let question = AnalysisDraft.pick([
            "今年以来的\(measure.name)和去年同期相比增长了多少？",
            "\(measure.name)今年累计和去年同期比怎么样？",
        ], key: key("same-stretch", measure.column.name))
        return AnalysisDraft.make(question, query)
    }
}
