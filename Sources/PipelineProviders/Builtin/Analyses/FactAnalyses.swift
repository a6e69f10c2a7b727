import PipelineCore

/// The analyses of a fact table's main measures: breakdowns by the entities it refers to, rankings, shares,
/// thresholds, tiers, per-day averages, comparisons of categories, ratios and details, most valuable first.
struct FactAnalyses {
    let fact: FactView
    /// How many of the main measure's analyses come before the other measures and dimensions take turns.
    var lead = 6

    func all() -> [PairDraft] {
        guard let measure = fact.primary else { return [] }
        let label = fact.labels.first
        let otherLabel = fact.labels.dropFirst().first(where: { $0.path.count <= 1 })
        let category = fact.categories.first
        var core: [PairDraft?] = []
        core.append(label.map { breakdown(measure, by: $0) })
        core.append(label.flatMap { topInLastMonth(measure, by: $0) })
        core.append(category.flatMap { share(measure, by: $0) })
        core.append(yearToDate(measure))
        core.append(label.flatMap { perDayAverage(measure, by: $0) })
        core.append(otherLabel.map { topN(measure, by: $0) })
        core.append(label.map { aboveAverage(measure, by: $0) })
        core.append(fact.labels.first { $0.path.count == 2 }.map { breakdown(measure, by: $0) })
        core.append(label.flatMap { topWithin(measure, by: $0) })
        core.append(fact.categories.first { $0.path.isEmpty && $0.values.count >= 2 }.flatMap { compare(measure, by: $0) })
        core.append(ratio(by: label) ?? perEvent(by: label))
        core.append(label.flatMap { topDays(measure, by: $0) })
        core.append(label.flatMap { activeEntities(in: $0) })
        core.append(label.map { tiers(measure, by: $0) })
        core.append(category.flatMap { recentBreakdown(measure, by: $0) })
        let drafts = core.compactMap { $0 }
        // After the main measure's first analyses, the other measures and dimensions in turn: a fact's every
        // measure and way of slicing it is asked about at least once.
        return Array(drafts.prefix(lead)) + AnalysisPlanner.interleave(Array(drafts.dropFirst(lead)), sweep(primary: measure))
    }

    /// One question per other measure (by the dimensions in turn) and per dimension not yet used (by the measures
    /// in turn), alternating.
    func sweep(primary: MeasureTerm) -> [PairDraft] {
        let dimensions = fact.dimensions.filter { !$0.path.isEmpty || !$0.isLabel || fact.labels.count == 1 }
        guard !dimensions.isEmpty else { return [] }
        // Measures of another unit first (销量 after 销售额), then the primary's siblings.
        let others = fact.measures.filter { $0.column.name != primary.column.name && $0.unit != primary.unit }
            + fact.measures.filter { $0.column.name != primary.column.name && $0.unit == primary.unit }
        let measureDrafts = others.enumerated().map { index, measure -> PairDraft in
            let dimension = dimensions[(index + 1) % dimensions.count]
            return (measure.additive ? share(measure, by: dimension) : nil) ?? breakdown(measure, by: dimension)
        }
        let used = Set([fact.labels.first?.column, fact.categories.first?.column].compactMap { $0 })
        let unused = dimensions.filter { !used.contains($0.column) }
        let measures = [primary] + others
        let dimensionDrafts = unused.enumerated().map { index, dimension in
            breakdown(measures[index % measures.count], by: dimension)
        }
        return AnalysisPlanner.interleave(measureDrafts, dimensionDrafts)
    }

    private func key(_ parts: String...) -> String { ([fact.table.name] + parts).joined(separator: "|") }

    /// 各服务区的营收是多少？
    func breakdown(_ measure: MeasureTerm, by dimension: DimensionTerm) -> PairDraft {
        let query = AnalysisQuery.ranking(fact, measure, by: dimension)
        // `是否在线` is a yes/no split, not a set of things: "按是否在线统计", never "各是否在线".
        let question = dimension.noun.hasPrefix("是否")
            ? "按\(dimension.noun)统计\(measure.aggregateName)，两类分别是多少？"
            : AnalysisDraft.pick([
                "各\(dimension.noun)的\(measure.aggregateName)分别是多少？按从高到低排列",
                "按\(dimension.noun)统计\(measure.aggregateName)，从高到低排序",
                "每个\(dimension.noun)的\(measure.aggregateName)是多少？",
            ], key: key("breakdown", measure.column.name, dimension.column))
        return AnalysisDraft.make(question, query)
    }

    /// 上个月营收最高的前10个服务区是哪些？
    func topInLastMonth(_ measure: MeasureTerm, by dimension: DimensionTerm) -> PairDraft? {
        guard let time = fact.time, let (start, end) = time.lastMonthRange else { return nil }
        var query = AnalysisQuery.ranking(fact, measure, by: dimension)
        query.conditions = [query.range(time, from: start, to: end)]
        query.limit = 10
        let question = AnalysisDraft.pick([
            "上个月\(measure.aggregateName)最高的前10个\(dimension.noun)是哪些？",
            "上个月哪些\(dimension.noun)的\(measure.aggregateName)排在前10？",
        ], key: key("top-month", measure.column.name, dimension.column))
        return AnalysisDraft.make(question, query)
    }

    /// 各车辆类别的车流量占比是多少？
    func share(_ measure: MeasureTerm, by dimension: DimensionTerm) -> PairDraft? {
        guard measure.additive else { return nil }
        var query = AnalysisQuery(fact, joining: [dimension.path])
        let group = query.column(dimension)
        let total = query.aggregate(measure)
        query.select = ["\(group) AS \(AnalysisNames.alias(dimension.noun))", "\(total) AS \(measure.alias)",
                        "ROUND((100.0 * \(total) / NULLIF(SUM(\(total)) OVER (), 0))::numeric, 2) AS 占比百分比"]
        query.groupBy = [group]
        query.orderBy = ["\(measure.alias) DESC NULLS LAST"]
        let question = dimension.noun.hasPrefix("是否")
            ? "按\(dimension.noun)区分，\(measure.name)的占比各是多少？"
            : AnalysisDraft.pick([
                "各\(dimension.noun)的\(measure.name)占比分别是多少？",
                "\(measure.name)在不同\(dimension.noun)之间是怎么分布的？给出占比",
            ], key: key("share", measure.column.name, dimension.column))
        return AnalysisDraft.make(question, query)
    }

    /// 今年以来营收一共是多少？
    func yearToDate(_ measure: MeasureTerm) -> PairDraft? {
        guard measure.additive, let time = fact.time, let (start, end) = time.thisYearRange else { return nil }
        var query = AnalysisQuery(fact)
        query.select = ["\(query.aggregate(measure)) AS \(measure.alias)"]
        query.conditions = [query.range(time, from: start, to: end)]
        let unit = measure.unit.map { "多少\($0)" } ?? "多少"
        let question = AnalysisDraft.pick([
            "今年以来\(measure.aggregateName)一共是\(unit)？",
            "今年到目前为止的\(measure.aggregateName)是\(unit)？",
        ], key: key("ytd", measure.column.name))
        return AnalysisDraft.make(question, query)
    }

    /// 每个档口平均每天的营收是多少？
    func perDayAverage(_ measure: MeasureTerm, by dimension: DimensionTerm) -> PairDraft? {
        guard measure.additive, let time = fact.time, fact.hasDailyRows else { return nil }
        var query = AnalysisQuery(fact, joining: [dimension.path])
        let group = query.column(dimension)
        let days = query.distinctDays(time)
        let name = "日均" + measure.name
        query.select = ["\(group) AS \(AnalysisNames.alias(dimension.noun))",
                        "ROUND((\(query.aggregate(measure)) / NULLIF(\(days), 0))::numeric, 2) AS \(AnalysisNames.alias(name))"]
        query.groupBy = [group]
        query.orderBy = ["\(AnalysisNames.alias(name)) DESC NULLS LAST"]
        let question = AnalysisDraft.pick([
            "每个\(dimension.noun)平均每天的\(measure.name)是多少？",
            "各\(dimension.noun)的日均\(measure.name)是多少？从高到低排",
        ], key: key("per-day", measure.column.name, dimension.column))
        return AnalysisDraft.make(question, query)
    }

    /// 营收高于平均水平的服务区有哪些？
    func aboveAverage(_ measure: MeasureTerm, by dimension: DimensionTerm) -> PairDraft {
        var query = AnalysisQuery(fact, joining: [dimension.path])
        let group = query.column(dimension)
        query.select = ["\(group) AS \(AnalysisNames.alias(dimension.noun))", "\(query.aggregate(measure)) AS \(measure.alias)"]
        query.groupBy = [group]
        query.orderBy = ["\(measure.alias) DESC"]
        var inner = query
        inner.select = ["\(query.aggregate(measure)) AS 合计"]
        inner.orderBy = []
        query.having = "\(query.aggregate(measure)) > (SELECT AVG(合计) FROM (\(inner.body)) AS 各组)"
        let question = AnalysisDraft.pick([
            "\(measure.aggregateName)高于平均水平的\(dimension.noun)有哪些？",
            "哪些\(dimension.noun)的\(measure.aggregateName)超过了所有\(dimension.noun)的平均值？",
        ], key: key("above-average", measure.column.name, dimension.column))
        return AnalysisDraft.make(question, query)
    }

    /// 信息化服务区中营收最高的5个服务区是哪些？
    func topWithin(_ measure: MeasureTerm, by label: DimensionTerm) -> PairDraft? {
        guard let category = fact.categories.first(where: { candidate in
            !candidate.values.isEmpty && (candidate.path.isEmpty || candidate.path.last?.alias == label.path.last?.alias)
        }), let value = category.values.first else { return nil }
        var query = AnalysisQuery(fact, joining: [label.path, category.path])
        let group = query.column(label)
        query.select = ["\(group) AS \(AnalysisNames.alias(label.noun))", "\(query.aggregate(measure)) AS \(measure.alias)"]
        query.conditions = ["\(query.column(category)) = \(AnalysisNames.literal(value.code))"]
        query.groupBy = [group]
        query.orderBy = ["\(measure.alias) DESC NULLS LAST"]
        query.limit = 5
        // A category of the fact's rows (销售渠道 of an order) qualifies the rows; one of the entity's qualifies it.
        let question = category.path.isEmpty
            ? "\(category.noun)为\(value.text)的\(fact.entity)中，\(measure.aggregateName)最高的5个\(label.noun)是哪些？"
            : AnalysisDraft.pick([
                "\(Self.qualified(value.text, category.noun, label.noun))中\(measure.aggregateName)最高的5个是哪些？",
                "在\(Self.qualified(value.text, category.noun, label.noun))里，\(measure.aggregateName)排名前5的是哪几个？",
            ], key: key("top-within", measure.column.name, category.column))
        return AnalysisDraft.make(question, query)
    }

    /// 过境和城际的车流量相差多少？
    func compare(_ measure: MeasureTerm, by category: DimensionTerm) -> PairDraft? {
        guard measure.additive, category.values.count >= 2 else { return nil }
        let first = category.values[0], second = category.values[1]
        var query = AnalysisQuery(fact)
        let column = query.column(category)
        let reference = query.column(measure.column.name)
        let a = "SUM(\(reference)) FILTER (WHERE \(column) = \(AnalysisNames.literal(first.code)))"
        let b = "SUM(\(reference)) FILTER (WHERE \(column) = \(AnalysisNames.literal(second.code)))"
        query.select = ["\(a) AS \(AnalysisNames.alias(first.text + measure.name))", "\(b) AS \(AnalysisNames.alias(second.text + measure.name))",
                        "\(a) - \(b) AS 差值"]
        if let time = fact.time, let (start, end) = time.thisYearRange { query.conditions = [query.range(time, from: start, to: end)] }
        let period = query.conditions.isEmpty ? "" : "今年"
        let question = AnalysisDraft.pick([
            "\(period)\(category.noun)为\(first.text)和\(second.text)的\(measure.name)分别是多少，相差多少？",
            "\(period)\(first.text)和\(second.text)的\(measure.name)差多少？",
        ], key: key("compare", measure.column.name, category.column))
        return AnalysisDraft.make(question, query)
    }

    /// 各服务区的客单价是多少？ An amount total over a count total of the same table.
    func ratio(by label: DimensionTerm?) -> PairDraft? {
        guard let amount = fact.measures.first(where: { $0.isMoney && $0.additive && $0.isTotal }),
              let count = fact.measures.first(where: { !$0.isMoney && $0.additive && $0.isTotal && ["笔", "单"].contains($0.unit ?? "") }),
              let label else { return nil }
        var query = AnalysisQuery(fact, joining: [label.path])
        let group = query.column(label)
        query.select = ["\(group) AS \(AnalysisNames.alias(label.noun))",
                        "ROUND((SUM(\(query.column(amount.column.name))) / NULLIF(SUM(\(query.column(count.column.name))), 0))::numeric, 2) AS 客单价"]
        query.groupBy = [group]
        query.orderBy = ["客单价 DESC NULLS LAST"]
        let question = AnalysisDraft.pick([
            "各\(label.noun)的客单价（平均每单金额）是多少？",
            "哪个\(label.noun)的客单价最高？列出各\(label.noun)的平均每单消费",
        ], key: key("ratio", amount.column.name, label.column))
        return AnalysisDraft.make(question, query)
    }

    /// 消费金额最高的前10个会员是谁？ The whole period's top entities of a second kind (会员 beside 门店).
    func topN(_ measure: MeasureTerm, by dimension: DimensionTerm) -> PairDraft {
        var query = AnalysisQuery.ranking(fact, measure, by: dimension)
        query.limit = 10
        let who = Self.personWords.contains(where: dimension.noun.hasSuffix) ? "是谁" : "是哪些"
        let question = AnalysisDraft.pick([
            "\(measure.aggregateName)最高的前10个\(dimension.noun)\(who)？",
            "哪10个\(dimension.noun)的\(measure.aggregateName)最高？",
        ], key: key("top-n", measure.column.name, dimension.column))
        return AnalysisDraft.make(question, query)
    }

    /// 各门店的客单价是多少？ For a table whose rows are single orders or transactions (a one-column key and a name
    /// that says so), the average amount per row is the average ticket.
    func perEvent(by label: DimensionTerm?) -> PairDraft? {
        guard let label, fact.table.primaryKey.count == 1,
              Self.eventWords.contains(where: fact.entity.contains),
              let amount = fact.measures.first(where: { $0.isMoney && $0.additive && Self.paidWords.contains(where: $0.column.label.contains) })
                ?? fact.measures.first(where: { $0.isMoney && $0.additive }) else { return nil }
        var query = AnalysisQuery(fact, joining: [label.path])
        let group = query.column(label)
        query.select = ["\(group) AS \(AnalysisNames.alias(label.noun))",
                        "ROUND(AVG(\(query.column(amount.column.name)))::numeric, 2) AS 客单价", "COUNT(*) AS 单数"]
        query.groupBy = [group]
        query.orderBy = ["客单价 DESC NULLS LAST"]
        let question = AnalysisDraft.pick([
            "各\(label.noun)的客单价（平均每单\(amount.name)）是多少？",
            "哪个\(label.noun)的客单价最高？列出各\(label.noun)的平均每单金额和单数",
        ], key: key("per-event", amount.column.name, label.column))
        return AnalysisDraft.make(question, query)
    }

    /// Words that say a table's rows are single orders or transactions, and that an amount is what was paid.
    static let eventWords = ["订单", "交易", "流水", "消费", "小票", "支付记录", "销售单"]
    static let paidWords = ["实付", "实收", "支付", "付款"]
    static let personWords = ["会员", "客户", "用户", "顾客", "员工", "司机", "乘客", "学生", "患者", "人"]

    /// 单日营收最高的10条记录是哪天、哪个服务区？
    func topDays(_ measure: MeasureTerm, by label: DimensionTerm) -> PairDraft? {
        guard let time = fact.time else { return nil }
        var query = AnalysisQuery(fact, joining: [label.path])
        query.select = ["\(query.time(time)) AS \(AnalysisNames.alias(time.label))", "\(query.column(label)) AS \(AnalysisNames.alias(label.noun))",
                        "\(query.column(measure.column.name)) AS \(AnalysisNames.alias(measure.name))"]
        query.conditions = ["\(query.column(measure.column.name)) IS NOT NULL"]
        query.orderBy = ["\(query.column(measure.column.name)) DESC"]
        query.limit = 10
        let question = AnalysisDraft.pick([
            "\(fact.entity)里\(measure.name)最高的10条记录分别是哪天、哪个\(label.noun)？",
            "列出\(measure.name)最高的10条\(fact.entity)明细，包括日期和\(label.noun)",
        ], key: key("top-rows", measure.column.name, label.column))
        return AnalysisDraft.make(question, query)
    }

    /// 上个月有经营数据的服务区有多少个？
    func activeEntities(in label: DimensionTerm) -> PairDraft? {
        guard let time = fact.time, let (start, end) = time.lastMonthRange, let key = label.entityKey else { return nil }
        var query = AnalysisQuery(fact)
        query.select = ["COUNT(DISTINCT \(query.column(key))) AS \(AnalysisNames.alias(label.noun + "数量"))"]
        query.conditions = [query.range(time, from: start, to: end)]
        let question = AnalysisDraft.pick([
            "上个月有\(fact.entity)记录的\(label.noun)有多少个？",
            "上个月一共有多少个\(label.noun)产生了\(fact.entity)？",
        ], key: self.key("active", label.column))
        return AnalysisDraft.make(question, query)
    }

    /// 按营收把服务区分成高、中、低三档。
    func tiers(_ measure: MeasureTerm, by label: DimensionTerm) -> PairDraft {
        var query = AnalysisQuery(fact, joining: [label.path])
        let group = query.column(label)
        query.select = ["\(group) AS \(AnalysisNames.alias(label.noun))", "\(query.aggregate(measure)) AS \(measure.alias)"]
        query.groupBy = [group]
        let sql = "WITH 汇总 AS (\(query.body)) SELECT \(AnalysisNames.alias(label.noun)), \(measure.alias), "
            + "CASE NTILE(3) OVER (ORDER BY \(measure.alias) DESC NULLS LAST) WHEN 1 THEN '高' WHEN 2 THEN '中' ELSE '低' END AS 档位 "
            + "FROM 汇总 ORDER BY \(measure.alias) DESC NULLS LAST;"
        let question = AnalysisDraft.pick([
            "按\(measure.aggregateName)把\(label.noun)分成高、中、低三档，各\(label.noun)分别在哪一档？",
            "把所有\(label.noun)按\(measure.aggregateName)高低分为三个档次",
        ], key: key("tiers", measure.column.name, label.column))
        return AnalysisDraft.make(question, sql: sql, tables: query.tables)
    }

    /// 最近30天各车辆类别的车流量是多少？
    func recentBreakdown(_ measure: MeasureTerm, by dimension: DimensionTerm) -> PairDraft? {
        guard let time = fact.time, let (start, end) = time.last30DaysRange else { return nil }
        var query = AnalysisQuery.ranking(fact, measure, by: dimension)
        query.conditions = [query.range(time, from: start, to: end)]
        let question = AnalysisDraft.pick([
            "最近30天各\(dimension.noun)的\(measure.aggregateName)是多少？",
            "近30天按\(dimension.noun)看\(measure.aggregateName)",
        ], key: key("recent", measure.column.name, dimension.column))
        return AnalysisDraft.make(question, query)
    }

    /// `信息化服务区`, not `信息化服务区服务区`; `开放状态的服务区` when the value does not name the entity.
    static func qualified(_ value: String, _ categoryNoun: String, _ entity: String) -> String {
        if value.hasSuffix(entity) { return value }
        if categoryNoun.hasSuffix("状态") { return "\(value)状态的\(entity)" }
        return "\(categoryNoun)为\(value)的\(entity)"
    }
}
