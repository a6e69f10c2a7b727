import PipelineCore

/// Mixes of sibling measures (payment channels, product lines): how a total splits, each part's share overall, by
/// entity and over time, comparisons of two parts, and the average ticket per part where amounts and counts pair up.
struct MixAnalyses {
    let fact: FactView

    func all() -> [PairDraft] {
        var drafts: [PairDraft?] = []
        let label = fact.labels.first
        for family in fact.families {
            drafts.append(overall(family))
            drafts.append(shares(family))
            drafts.append(label.flatMap { shareBy(family, $0) })
            drafts.append(fact.time.map { monthly(family, $0) })
            drafts.append(label.map { topBy(family, part: min(2, family.members.count - 1), $0) })
            drafts.append(difference(family))
            drafts.append(fact.time.flatMap { lastMonthShares(family, $0) })
        }
        drafts += averageTickets()
        if let family = fact.families.first, let second = fact.labels.dropFirst().first {
            drafts.append(topBy(family, part: 1, second))
        }
        return drafts.compactMap { $0 }
    }

    private func key(_ family: MeasureFamily, _ parts: String...) -> String {
        ([fact.table.name, "mix", family.noun] + parts).joined(separator: "|")
    }

    private func partAlias(_ family: MeasureFamily, _ index: Int) -> String {
        AnalysisNames.alias(family.parts[index] + family.noun)
    }

    private func partsText(_ family: MeasureFamily) -> String { family.parts.joined(separator: "、") }

    /// 微信支付、支付宝、现金…的金额分别是多少？
    func overall(_ family: MeasureFamily) -> PairDraft {
        var query = AnalysisQuery(fact)
        query.select = family.members.indices.map { "SUM(\(query.column(family.members[$0].column.name))) AS \(partAlias(family, $0))" }
        let question = AnalysisDraft.pick([
            "\(partsText(family))的\(family.noun)分别是多少？",
            "分开来看，\(partsText(family))各自的\(family.noun)合计是多少？",
        ], key: key(family, "overall"))
        return AnalysisDraft.make(question, query)
    }

    /// 各渠道金额占总金额的比例是多少？
    func shares(_ family: MeasureFamily) -> PairDraft? {
        guard let total = family.total else { return nil }
        var query = AnalysisQuery(fact)
        let whole = "NULLIF(SUM(\(query.column(total.column.name))), 0)"
        query.select = family.members.indices.map {
            "ROUND((100.0 * SUM(\(query.column(family.members[$0].column.name))) / \(whole))::numeric, 2) AS \(AnalysisNames.alias(family.parts[$0] + family.noun + "占比"))"
        }
        let question = AnalysisDraft.pick([
            "\(partsText(family))各占\(total.name)的百分之多少？",
            "\(total.name)里\(partsText(family))的构成比例是怎样的？",
        ], key: key(family, "shares"))
        return AnalysisDraft.make(question, query)
    }

    /// 各服务区的微信支付金额占比是多少？
    func shareBy(_ family: MeasureFamily, _ label: DimensionTerm) -> PairDraft? {
        guard let total = family.total else { return nil }
        var query = AnalysisQuery(fact, joining: [label.path])
        let group = query.column(label)
        let part = family.members[0]
        let name = AnalysisNames.alias(family.parts[0] + family.noun + "占比")
        query.select = ["\(group) AS \(AnalysisNames.alias(label.noun))", "SUM(\(query.column(part.column.name))) AS \(partAlias(family, 0))",
                        "ROUND((100.0 * SUM(\(query.column(part.column.name))) / NULLIF(SUM(\(query.column(total.column.name))), 0))::numeric, 2) AS \(name)"]
        query.groupBy = [group]
        query.orderBy = ["\(name) DESC NULLS LAST"]
        let question = AnalysisDraft.pick([
            "各\(label.noun)的\(family.parts[0])\(family.noun)占\(total.name)的比例是多少？",
            "哪个\(label.noun)的\(family.parts[0])\(family.noun)占比最高？列出各\(label.noun)的\(family.parts[0])\(family.noun)占比",
        ], key: key(family, "share-by", label.column))
        return AnalysisDraft.make(question, query)
    }

    /// 每个月微信支付和支付宝的金额是多少？
    func monthly(_ family: MeasureFamily, _ time: TimeTerm) -> PairDraft {
        var query = AnalysisQuery(fact)
        let month = "TO_CHAR(\(query.time(time)), 'YYYY-MM')"
        let shown = Array(family.members.indices.prefix(3))
        query.select = ["\(month) AS 月份"] + shown.map { "SUM(\(query.column(family.members[$0].column.name))) AS \(partAlias(family, $0))" }
        query.groupBy = [month]
        query.orderBy = ["月份"]
        let names = shown.map { family.parts[$0] }.joined(separator: "、")
        let question = AnalysisDraft.pick([
            "每个月\(names)的\(family.noun)分别是多少？看变化趋势",
            "按月对比\(names)的\(family.noun)",
        ], key: key(family, "monthly"))
        return AnalysisDraft.make(question, query)
    }

    /// 现金金额最多的5个服务区是哪些？
    func topBy(_ family: MeasureFamily, part index: Int, _ label: DimensionTerm) -> PairDraft {
        var query = AnalysisQuery(fact, joining: [label.path])
        let group = query.column(label)
        let alias = partAlias(family, index)
        query.select = ["\(group) AS \(AnalysisNames.alias(label.noun))", "SUM(\(query.column(family.members[index].column.name))) AS \(alias)"]
        query.groupBy = [group]
        query.orderBy = ["\(alias) DESC NULLS LAST"]
        query.limit = 5
        let question = AnalysisDraft.pick([
            "\(family.parts[index])\(family.noun)最多的5个\(label.noun)是哪些？",
            "哪5个\(label.noun)的\(family.parts[index])\(family.noun)最高？",
        ], key: key(family, "top", family.parts[index], label.column))
        return AnalysisDraft.make(question, query)
    }

    /// 微信支付金额比支付宝金额多多少？
    func difference(_ family: MeasureFamily) -> PairDraft {
        var query = AnalysisQuery(fact)
        let a = "SUM(\(query.column(family.members[0].column.name)))", b = "SUM(\(query.column(family.members[1].column.name)))"
        query.select = ["\(a) AS \(partAlias(family, 0))", "\(b) AS \(partAlias(family, 1))", "\(a) - \(b) AS 差额"]
        if let time = fact.time, let (start, end) = time.thisYearRange { query.conditions = [query.range(time, from: start, to: end)] }
        let period = query.conditions.isEmpty ? "" : "今年"
        let question = AnalysisDraft.pick([
            "\(period)\(family.parts[0])\(family.noun)比\(family.parts[1])多多少？",
            "\(period)\(family.parts[0])和\(family.parts[1])的\(family.noun)相差多少？",
        ], key: key(family, "difference"))
        return AnalysisDraft.make(question, query)
    }

    /// 上个月各渠道金额的占比是多少？
    func lastMonthShares(_ family: MeasureFamily, _ time: TimeTerm) -> PairDraft? {
        guard let (start, end) = time.lastMonthRange else { return nil }
        var query = AnalysisQuery(fact)
        let whole = family.members.map { "COALESCE(SUM(\(query.column($0.column.name))), 0)" }.joined(separator: " + ")
        query.select = family.members.indices.map {
            "ROUND((100.0 * SUM(\(query.column(family.members[$0].column.name))) / NULLIF(\(whole), 0))::numeric, 2) AS \(AnalysisNames.alias(family.parts[$0] + family.noun + "占比"))"
        }
        query.conditions = [query.range(time, from: start, to: end)]
        let question = AnalysisDraft.pick([
            "上个月\(partsText(family))的\(family.noun)占比分别是多少？",
            "上个月的\(family.noun)里，\(partsText(family))各占多少？",
        ], key: key(family, "last-month"))
        return AnalysisDraft.make(question, query)
    }

    /// 微信支付平均每笔多少元？ Amount and count families whose parts match (`微信支付金额` / `微信订单数`).
    func averageTickets() -> [PairDraft] {
        guard let amounts = fact.families.first(where: { $0.members.first?.isMoney == true }),
              let counts = fact.families.first(where: { $0.members.first?.isMoney == false && ["笔", "单"].contains($0.members.first?.unit ?? "") }) else { return [] }
        var pairs: [(Int, Int)] = []
        for (index, part) in amounts.parts.enumerated() {
            if let match = counts.parts.firstIndex(where: { Self.sharePrefix($0, part) }) { pairs.append((index, match)) }
        }
        guard pairs.count >= 2 else { return [] }
        var query = AnalysisQuery(fact)
        query.select = pairs.map { amount, count in
            "ROUND((SUM(\(query.column(amounts.members[amount].column.name))) / NULLIF(SUM(\(query.column(counts.members[count].column.name))), 0))::numeric, 2) AS \(AnalysisNames.alias(amounts.parts[amount] + "笔均金额"))"
        }
        let names = pairs.map { amounts.parts[$0.0] }.joined(separator: "、")
        let question = AnalysisDraft.pick([
            "\(names)平均每笔消费多少钱？",
            "\(names)的笔均金额分别是多少？",
        ], key: key(amounts, "ticket"))
        return [AnalysisDraft.make(question, query)]
    }

    /// `微信支付` and `微信` name the same channel: one starts the other, or both start with the same two characters.
    static func sharePrefix(_ left: String, _ right: String) -> Bool {
        left.hasPrefix(right) || right.hasPrefix(left) || (left.count >= 2 && right.count >= 2 && left.prefix(2) == right.prefix(2))
    }
}
