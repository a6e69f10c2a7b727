import PipelineCore

/// A table a query reaches from its fact table by following relationships (many-to-one), with the condition that
/// joins it and the soft-delete filter of its rows.
struct JoinedTable: Sendable, Equatable {
    let table: SemanticTable
    let alias: String
    /// `sa.service_area_no = f.service_no` (aliases of both sides).
    let condition: String
    /// `sa.delete_ts IS NULL`, or nil when the table has no soft-delete column.
    let live: String?
}

/// A measure as questions name it and SQL aggregates it.
struct MeasureTerm: Sendable {
    let column: SemanticColumn
    /// What a business user calls it (`营收` for a total amount with that synonym, else its label: `微信支付金额`).
    let name: String
    let aggregation: Aggregation
    let unit: String?
    /// Whether the label says it is a total of other columns (`合计`, `总`).
    let isTotal: Bool

    var additive: Bool { aggregation == .sum }
    /// Money (`元`) or a count of events or things.
    var isMoney: Bool { unit == "元" || unit == "万元" }
}

/// Something facts are grouped or filtered by: an entity's name reached by a join (`服务区`), or a category column of
/// the fact or of a joined table (`车辆类别`, `服务区类型`).
struct DimensionTerm: Sendable {
    /// The noun questions use: `服务区`, `车辆类别`.
    let noun: String
    let alias: String
    let column: String
    /// The joins from the fact table to the column's table, in order (empty for the fact's own columns).
    let path: [JoinedTable]
    /// Values worth naming in a question (text values, or codes with a known meaning), most frequent first.
    let values: [DimensionValue]
    /// An entity's name (many values) rather than a category (a few values).
    let isLabel: Bool
    /// The fact's columns that identify the entity, for `COUNT(DISTINCT …)` (`service_no`), when it is one.
    let entityKey: String?
}

/// The fact table's business time column and the range of its data.
struct TimeTerm: Sendable {
    let column: String
    let label: String
    let granularity: TimeGranularity
    let first: CalendarDay?
    let last: CalendarDay?

    /// Whole months of data, when the range is known.
    var months: Int? {
        guard let first, let last else { return nil }
        return (last.year - first.year) * 12 + last.month - first.month + 1
    }

    /// The latest month that is complete in the data ("上个月" seen from just after the data ends).
    var lastMonth: CalendarDay? {
        guard let last else { return nil }
        return last.isMonthEnd ? last.firstOfMonth : last.firstOfMonth.addingMonths(-1)
    }
}

/// Sibling measures that split one quantity by channel or kind (`wx`, `zfb`, `rmb`… all in 元), with the part of
/// each label that tells them apart (`微信支付`, `支付宝`, `现金`) and, when the table has it, their total.
struct MeasureFamily: Sendable {
    let members: [MeasureTerm]
    let parts: [String]
    /// What each member measures: the labels' common ending (`金额`, `订单数`).
    let noun: String
    let total: MeasureTerm?
}

/// A value of a category column: as SQL compares it and as a question says it (`'1'` and `在售`).
struct DimensionValue: Sendable, Equatable {
    let code: String
    let text: String
}

extension MeasureTerm {
    /// The aggregate's name: the measure itself when it adds up (`营收`), else `平均单价`, `最高温度`.
    var aggregateName: String {
        switch aggregation {
        case .sum: name
        case .avg: "平均" + name
        case .max: "最高" + name
        case .min: "最低" + name
        }
    }

    var alias: String { AnalysisNames.alias(aggregateName) }
}

extension TimeTerm {
    /// `[start, end)` of the latest complete month.
    var lastMonthRange: (CalendarDay, CalendarDay)? {
        lastMonth.map { ($0, $0.addingMonths(1)) }
    }

    /// The last 30 days of data.
    var last30DaysRange: (CalendarDay, CalendarDay)? {
        last.map { ($0.adding(days: -29), $0.adding(days: 1)) }
    }

    /// From the first of January of the latest year in the data to its end.
    var thisYearRange: (CalendarDay, CalendarDay)? {
        last.map { (CalendarDay(year: $0.year, month: 1, day: 1), $0.adding(days: 1)) }
    }

    /// The whole year before the latest one, when the data covers all of it.
    var lastYearRange: (CalendarDay, CalendarDay)? {
        guard let first, let last else { return nil }
        let start = CalendarDay(year: last.year - 1, month: 1, day: 1)
        guard first <= start else { return nil }
        return (start, CalendarDay(year: last.year, month: 1, day: 1))
    }

    /// The same stretch of the year before (`今年以来` against `去年同期`), when the data covers it.
    var sameStretchLastYear: (CalendarDay, CalendarDay)? {
        guard let first, let (start, end) = thisYearRange else { return nil }
        let previous = (CalendarDay(year: start.year - 1, month: 1, day: 1), CalendarDay(year: end.year - 1, month: end.month, day: min(end.day, 28)))
        return first <= previous.0 ? previous : nil
    }

    var isDaily: Bool { granularity == .day || granularity == .second }
}
