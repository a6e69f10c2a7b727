import PipelineCore

/// Questions about things rather than events (service areas, branches, routes): how many there are by category,
/// which ones have a given value, how they spread over the entities they belong to, how many children each has,
/// which have none, and many-to-many links through bridge tables.
struct EntityAnalyses {
    let view: FactView
    let model: SemanticModel
    let reachable: Set<TableReference>

    /// The entity's noun: its name column's noun when the table's Chinese name ends with it (`公司`, not
    /// `业务支撑系统公司`), else the table's Chinese name.
    var entity: String {
        guard let label = ownLabel else { return view.entity }
        let noun = AnalysisNames.noun(ofLabel: label.label, fallback: view.entity)
        return view.entity.hasSuffix(noun) ? noun : view.entity
    }

    private var ownLabel: SemanticColumn? { view.table.columns.first { $0.role == .label } }
    private var ownCategories: [DimensionTerm] { view.categories.filter(\.path.isEmpty) }

    func all() -> [PairDraft] {
        var drafts: [PairDraft?] = []
        drafts.append(ownCategories.first.map(countBy))
        drafts.append(view.labels.first { $0.path.count == 1 }.map { countPer($0, top: nil) })
        drafts += children().prefix(2).map(Optional.some)
        drafts.append(ownCategories.first.flatMap(list))
        drafts += bridges().map(Optional.some)
        drafts.append(view.labels.first { $0.path.count == 1 }.flatMap { perParentWithValue($0) })
        drafts.append(view.labels.first { $0.path.count == 2 }.map { countPer($0, top: nil) })
        drafts.append(view.labels.first { $0.path.count == 1 }.map { countPer($0, top: 3) })
        drafts.append(childless())
        drafts += ownCategories.dropFirst().prefix(2).map(countBy)
        drafts.append(ownCategories.dropFirst().first.flatMap(list))
        drafts.append(ownCategories.first.map(distinctCount))
        drafts.insert(byPeriod(), at: min(drafts.count, 5))
        // An entity's own measures (面积, 单价, 积分余额) by its categories and the entities it belongs to.
        let groupings = ownCategories + view.labels.filter { $0.path.count == 1 }
        for (index, measure) in view.measures.enumerated() where !groupings.isEmpty {
            drafts.insert(FactAnalyses(fact: view).breakdown(measure, by: groupings[index % groupings.count]), at: min(drafts.count, 3 + index * 2))
        }
        return drafts.compactMap { $0 }
    }

    private func key(_ parts: String...) -> String { ([view.table.name, "entity"] + parts).joined(separator: "|") }

    /// 各服务区类型分别有多少个服务区？
    func countBy(_ category: DimensionTerm) -> PairDraft {
        var query = AnalysisQuery(view)
        let group = query.column(category)
        query.select = ["\(group) AS \(AnalysisNames.alias(category.noun))", "COUNT(*) AS \(AnalysisNames.alias(entity + "数量"))"]
        query.groupBy = [group]
        query.orderBy = ["\(AnalysisNames.alias(entity + "数量")) DESC"]
        let question = category.noun.hasPrefix("是否") ? "按\(category.noun)统计\(entity)的数量" : AnalysisDraft.pick([
            "各\(category.noun)分别有多少个\(entity)？",
            "按\(category.noun)统计\(entity)的数量",
        ], key: key("count-by", category.column))
        return AnalysisDraft.make(question, query)
    }

    /// 关闭状态的服务区有哪些？
    func list(_ category: DimensionTerm) -> PairDraft? {
        guard let label = ownLabel, let value = category.values.dropFirst().first ?? category.values.first else { return nil }
        var query = AnalysisQuery(view)
        // A list shows what an analyst would want to see of each one: a few of its other attributes.
        let attributes = view.table.columns.filter { column in
            column.name != label.name && column.name != category.column
                && [.dimension, .time, .measure].contains(column.role) && !AuditColumnName.matches(column.name)
        }.prefix(3)
        query.select = ["\(query.column(label.name)) AS \(AnalysisNames.alias(AnalysisNames.noun(ofLabel: label.label, fallback: entity) + "名称"))"]
            + attributes.map { "\(query.column($0.name)) AS \(AnalysisNames.alias($0.label))" }
        query.conditions = ["\(query.column(category)) = \(AnalysisNames.literal(value.code))"]
        query.orderBy = ["\(query.column(label.name))"]
        let subject = FactAnalyses.qualified(value.text, category.noun, entity)
        let question = AnalysisDraft.pick([
            "\(subject)有哪些？",
            "列出所有\(subject)",
        ], key: key("list", category.column))
        return AnalysisDraft.make(question, query)
    }

    /// 每个公司有多少个服务区？ / 服务区最多的3个公司是哪些？
    func countPer(_ parent: DimensionTerm, top: Int?) -> PairDraft {
        var query = AnalysisQuery(view, joining: [parent.path])
        let group = query.column(parent)
        let count = AnalysisNames.alias(entity + "数量")
        query.select = ["\(group) AS \(AnalysisNames.alias(parent.noun))", "COUNT(*) AS \(count)"]
        query.groupBy = [group]
        query.orderBy = ["\(count) DESC"]
        query.limit = top
        let question = top.map { "\(entity)最多的\($0)个\(parent.noun)是哪些？" } ?? AnalysisDraft.pick([
            "每个\(parent.noun)有多少个\(entity)？",
            "各\(parent.noun)下面分别有几个\(entity)？",
        ], key: key("count-per", parent.column))
        return AnalysisDraft.make(question, query)
    }

    /// 各公司的开放状态服务区有多少个？
    func perParentWithValue(_ parent: DimensionTerm) -> PairDraft? {
        guard let category = ownCategories.first(where: { !$0.values.isEmpty }), let value = category.values.first else { return nil }
        var query = AnalysisQuery(view, joining: [parent.path])
        let group = query.column(parent)
        let subject = FactAnalyses.qualified(value.text, category.noun, entity)
        query.select = ["\(group) AS \(AnalysisNames.alias(parent.noun))",
                        "COUNT(*) FILTER (WHERE \(query.column(category)) = \(AnalysisNames.literal(value.code))) AS \(AnalysisNames.alias(value.text + "数量"))",
                        "COUNT(*) AS \(AnalysisNames.alias(entity + "总数"))"]
        query.groupBy = [group]
        query.orderBy = ["\(group)"]
        let question = "各\(parent.noun)的\(subject)有多少个？占全部\(entity)的多少？"
        return AnalysisDraft.make(question, query)
    }

    /// Tables that refer to this one (`档口` → `服务区`), with the relationship.
    private func childTables() -> [(SemanticTable, SemanticRelationship)] {
        let tables = Dictionary(model.tables.map { ($0.reference, $0) }, uniquingKeysWith: { first, _ in first })
        return model.relationships.compactMap { relationship in
            guard relationship.to.reference == view.table.reference, relationship.from.reference != view.table.reference,
                  reachable.contains(relationship.from.reference), let child = tables[relationship.from.reference],
                  child.kind != .bridge, child.columns.contains(where: { $0.role == .label }) else { return nil }
            return (child, relationship)
        }
    }

    private func joinCondition(_ relationship: SemanticRelationship, child: String, parent: String) -> String {
        zip(relationship.from.columns, relationship.to.columns).map { from, to in
            "\(child).\(SQLIdentifier.display(from)) = \(parent).\(SQLIdentifier.display(to))"
        }.joined(separator: " AND ")
    }

    /// 每个服务区有多少个档口？ Children counted per parent, parents without children included.
    func children() -> [PairDraft] {
        guard let label = ownLabel else { return [] }
        return childTables().map { child, relationship in
            var aliases = AliasAllocator()
            let parentAlias = aliases.take(for: view.table.name), childAlias = aliases.take(for: child.name)
            let childNoun = Self.noun(of: child)
            let count = AnalysisNames.alias(childNoun + "数量")
            var on = joinCondition(relationship, child: childAlias, parent: parentAlias)
            if let live = AnalysisNames.liveCondition(child, alias: childAlias) { on += " AND \(live)" }
            var sql = "SELECT \(parentAlias).\(SQLIdentifier.display(label.name)) AS \(AnalysisNames.alias(entity)), COUNT(\(childAlias).\(SQLIdentifier.display(relationship.from.columns[0]))) AS \(count) "
                + "FROM \(view.sqlName) \(parentAlias) LEFT JOIN \(AnalysisNames.sqlName(child.reference)) \(childAlias) ON \(on)"
            if let live = AnalysisNames.liveCondition(view.table, alias: parentAlias) { sql += " WHERE \(live)" }
            sql += " GROUP BY \(parentAlias).\(SQLIdentifier.display(label.name)) ORDER BY \(count) DESC;"
            let question = AnalysisDraft.pick([
                "每个\(entity)有多少个\(childNoun)？",
                "各\(entity)下面的\(childNoun)数量是多少？",
            ], key: key("children", child.name))
            return AnalysisDraft.make(question, sql: sql, tables: [view.table.reference, child.reference])
        }
    }

    /// 哪些服务区还没有档口？
    func childless() -> PairDraft? {
        guard let label = ownLabel, let (child, relationship) = childTables().first else { return nil }
        var aliases = AliasAllocator()
        let parentAlias = aliases.take(for: view.table.name), childAlias = aliases.take(for: child.name)
        var inner = "SELECT 1 FROM \(AnalysisNames.sqlName(child.reference)) \(childAlias) WHERE \(joinCondition(relationship, child: childAlias, parent: parentAlias))"
        if let live = AnalysisNames.liveCondition(child, alias: childAlias) { inner += " AND \(live)" }
        var conditions = ["NOT EXISTS (\(inner))"]
        if let live = AnalysisNames.liveCondition(view.table, alias: parentAlias) { conditions.insert(live, at: 0) }
        let sql = "SELECT \(parentAlias).\(SQLIdentifier.display(label.name)) AS \(AnalysisNames.alias(entity)) FROM \(view.sqlName) \(parentAlias) WHERE "
            + conditions.joined(separator: " AND ") + " ORDER BY 1;"
        let question = "哪些\(entity)还没有任何\(Self.noun(of: child))？"
        return AnalysisDraft.make(question, sql: sql, tables: [view.table.reference, child.reference])
    }

    /// 每条路段路线经过多少个服务区？ Many-to-many through a bridge table.
    func bridges() -> [PairDraft] {
        guard ownLabel != nil else { return [] }
        let tables = Dictionary(model.tables.map { ($0.reference, $0) }, uniquingKeysWith: { first, _ in first })
        var drafts: [PairDraft] = []
        for bridge in model.tables where bridge.kind == .bridge && reachable.contains(bridge.reference) {
            let links = model.relationships.filter { $0.from.reference == bridge.reference }
            guard let mine = links.first(where: { $0.to.reference == view.table.reference }),
                  let other = links.first(where: { $0.to.reference != view.table.reference }),
                  let otherTable = tables[other.to.reference], reachable.contains(otherTable.reference),
                  let otherLabel = otherTable.columns.first(where: { $0.role == .label }) else { continue }
            var aliases = AliasAllocator()
            let b = aliases.take(for: bridge.name), o = aliases.take(for: otherTable.name), d = aliases.take(for: view.table.name)
            let otherNoun = Self.noun(of: otherTable)
            let count = AnalysisNames.alias(entity + "数量")
            var conditions = [AnalysisNames.liveCondition(otherTable, alias: o), AnalysisNames.liveCondition(view.table, alias: d),
                              AnalysisNames.liveCondition(bridge, alias: b)].compactMap { $0 }
            if conditions.isEmpty { conditions = ["TRUE"] }
            let sql = "SELECT \(o).\(SQLIdentifier.display(otherLabel.name)) AS \(AnalysisNames.alias(otherNoun)), COUNT(DISTINCT \(d).\(SQLIdentifier.display(mine.to.columns[0]))) AS \(count) "
                + "FROM \(AnalysisNames.sqlName(bridge.reference)) \(b) JOIN \(AnalysisNames.sqlName(otherTable.reference)) \(o) ON \(joinCondition(other, child: b, parent: o)) "
                + "JOIN \(view.sqlName) \(d) ON \(joinCondition(mine, child: b, parent: d)) WHERE \(conditions.joined(separator: " AND ")) "
                + "GROUP BY \(o).\(SQLIdentifier.display(otherLabel.name)) ORDER BY \(count) DESC;"
            let question = AnalysisDraft.pick([
                "每个\(otherNoun)关联了多少个\(entity)？",
                "各\(otherNoun)分别对应几个\(entity)？从多到少排",
            ], key: key("bridge", bridge.name))
            drafts.append(AnalysisDraft.make(question, sql: sql, tables: [bridge.reference, otherTable.reference, view.table.reference]))
        }
        return drafts
    }

    /// 每年新开了多少家门店？平均面积多大？ Entities by the year (or month) of their own business date.
    func byPeriod() -> PairDraft? {
        guard let time = view.time, let first = time.first, let last = time.last else { return nil }
        var query = AnalysisQuery(view)
        let yearly = last.year > first.year
        let period = yearly ? "EXTRACT(YEAR FROM \(query.time(time)))::int" : "TO_CHAR(\(query.time(time)), 'YYYY-MM')"
        let periodName = yearly ? "年份" : "月份"
        let count = AnalysisNames.alias(entity + "数量")
        query.select = ["\(period) AS \(periodName)", "COUNT(*) AS \(count)"]
            + view.measures.prefix(1).map { "\(query.aggregate($0)) AS \($0.alias)" }
        query.conditions = ["\(query.time(time)) IS NOT NULL"]
        query.groupBy = [period]
        query.orderBy = [periodName]
        let measureText = view.measures.first.map { "，\($0.aggregateName)是多少" } ?? ""
        let question = "按\(time.label)的\(yearly ? "年份" : "月份")统计，每\(yearly ? "年" : "月")有多少个\(entity)\(measureText)？"
        return AnalysisDraft.make(question, query)
    }

    /// 服务区共有多少种服务区类型？
    func distinctCount(_ category: DimensionTerm) -> PairDraft {
        var query = AnalysisQuery(view)
        query.select = ["COUNT(DISTINCT \(query.column(category))) AS \(AnalysisNames.alias(category.noun + "数"))"]
        let question = "\(entity)一共有多少种不同的\(category.noun)？"
        return AnalysisDraft.make(question, query)
    }

    static func noun(of table: SemanticTable) -> String {
        guard let label = table.columns.first(where: { $0.role == .label }) else { return table.chineseName }
        let noun = AnalysisNames.noun(ofLabel: label.label, fallback: table.chineseName)
        return table.chineseName.hasSuffix(noun) ? noun : table.chineseName
    }
}
