import PipelineCore

/// One `SELECT` over a fact table and the tables it joins, composed clause by clause. Columns are qualified with
/// their table's alias only when the query joins, so single-table SQL reads as an analyst writes it.
struct AnalysisQuery {
    let fact: FactView
    private(set) var joins: [JoinedTable] = []
    var select: [String] = []
    var conditions: [String] = []
    var groupBy: [String] = []
    var having: String?
    var orderBy: [String] = []
    var limit: Int?

    init(_ fact: FactView, joining paths: [[JoinedTable]] = []) {
        self.fact = fact
        for path in paths { join(path) }
    }

    mutating func join(_ path: [JoinedTable]) {
        for table in path where !joins.contains(where: { $0.alias == table.alias }) { joins.append(table) }
    }

    var qualified: Bool { !joins.isEmpty }
    var tables: [TableReference] { [fact.table.reference] + joins.map(\.table.reference) }

    /// A column of the fact (or of a joined table, by its alias).
    func column(_ name: String, of alias: String? = nil) -> String {
        let identifier = SQLIdentifier.display(name)
        return qualified ? "\(alias ?? fact.alias).\(identifier)" : identifier
    }

    func column(_ dimension: DimensionTerm) -> String { column(dimension.column, of: dimension.alias) }
    func time(_ term: TimeTerm) -> String { column(term.column) }

    /// The measure's aggregate: `SUM(x)`, or `ROUND(AVG(x)::numeric, 2)` for prices, rates and scores.
    func aggregate(_ measure: MeasureTerm) -> String {
        let reference = column(measure.column.name)
        switch measure.aggregation {
        case .sum: return "SUM(\(reference))"
        case .avg: return "ROUND(AVG(\(reference))::numeric, 2)"
        case .min: return "MIN(\(reference))"
        case .max: return "MAX(\(reference))"
        }
    }

    /// The days with data: `COUNT(DISTINCT day)`, the date of a timestamp counted once per day.
    func distinctDays(_ term: TimeTerm) -> String {
        term.granularity == .day ? "COUNT(DISTINCT \(time(term)))" : "COUNT(DISTINCT \(time(term))::date)"
    }

    /// The shape most analyses start from: the measure's aggregate per value of the dimension, largest first.
    static func ranking(_ fact: FactView, _ measure: MeasureTerm, by dimension: DimensionTerm) -> AnalysisQuery {
        var query = AnalysisQuery(fact, joining: [dimension.path])
        let group = query.column(dimension)
        query.select = ["\(group) AS \(AnalysisNames.alias(dimension.noun))", "\(query.aggregate(measure)) AS \(measure.alias)"]
        query.groupBy = [group]
        query.orderBy = ["\(measure.alias) DESC NULLS LAST"]
        return query
    }

    /// `col >= 'from' AND col < 'to'`: index-friendly, right for dates and timestamps.
    func range(_ term: TimeTerm, from start: CalendarDay, to end: CalendarDay) -> String {
        let reference = time(term)
        return "\(reference) >= \(start.literal) AND \(reference) < \(end.literal)"
    }

    /// The live-row filters of the fact and every joined table, then the query's own conditions.
    private var allConditions: [String] {
        var all: [String] = []
        if let live = fact.live { all.append(qualified ? live : AnalysisNames.liveCondition(fact.table, alias: nil)!) }
        all += joins.compactMap(\.live)
        return all + conditions
    }

    var fromClause: String {
        var text = "FROM \(fact.sqlName)" + (qualified ? " \(fact.alias)" : "")
        for table in joins {
            text += " JOIN \(AnalysisNames.sqlName(table.table.reference)) \(table.alias) ON \(table.condition)"
        }
        return text
    }

    /// The statement without the final `;`, so that it can be a CTE's body.
    var body: String {
        var text = "SELECT " + select.joined(separator: ", ") + " " + fromClause
        let conditions = allConditions
        if !conditions.isEmpty { text += " WHERE " + conditions.joined(separator: " AND ") }
        if !groupBy.isEmpty { text += " GROUP BY " + groupBy.joined(separator: ", ") }
        if let having { text += " HAVING " + having }
        if !orderBy.isEmpty { text += " ORDER BY " + orderBy.joined(separator: ", ") }
        if let limit { text += " LIMIT \(limit)" }
        return text
    }

    var sql: String { body + ";" }
}
