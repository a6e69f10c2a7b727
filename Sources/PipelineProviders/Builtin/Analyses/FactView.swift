import PipelineCore

/// A fact table as the analyses see it: its measures (named as a business user says them), the dimensions reachable
/// through its relationships (up to two joins), its time column with the data's range, and sibling measure families.
/// Built from the semantic model only, so the same model always gives the same questions.
struct FactView: Sendable {
    let table: SemanticTable
    let sqlName: String
    let alias: String
    /// The Chinese noun for the table's rows (`经营日数据`).
    let entity: String
    /// Soft-delete filter of the fact's rows under its alias, or nil.
    let live: String?
    /// Totals and money first.
    let measures: [MeasureTerm]
    let families: [MeasureFamily]
    /// Names of joined entities first, then categories (own, then joined).
    let dimensions: [DimensionTerm]
    let time: TimeTerm?

    /// The view of `table` with joins only to tables in `reachable` (the theme's tables).
    /// `contested`: business names other tables claim too (`AnalysisNames.contestedNames`), computed once by the caller.
    init(table: SemanticTable, model: SemanticModel, reachable: Set<TableReference>, contested: Set<String> = []) {
        self.table = table
        sqlName = AnalysisNames.sqlName(table.reference)
        var aliases = AliasAllocator()
        alias = aliases.take(for: table.name)
        entity = table.chineseName
        live = AnalysisNames.liveCondition(table, alias: alias)
        let measures = AnalysisNames.measures(of: table, contested: contested)
        self.measures = measures
        families = MeasureFamilies.find(measures)
        var collector = DimensionCollector(fact: table, alias: alias, model: model, reachable: reachable, aliases: aliases)
        dimensions = collector.collect()
        time = Self.businessTime(of: table).map { column in
            TimeTerm(column: column.name, label: column.label, granularity: column.time!.granularity,
                     first: column.time!.min.flatMap(CalendarDay.init(text:)), last: column.time!.max.flatMap(CalendarDay.init(text:)))
        }
    }

    /// The time column facts are analysed by: days before timestamps before months and years, and record-keeping or
    /// personal dates (`created_at`, `birth_year`) last.
    static func businessTime(of table: SemanticTable) -> SemanticColumn? {
        let candidates = table.columns.enumerated().filter { $0.element.role == .time && $0.element.time != nil }
        func rank(_ column: SemanticColumn) -> Int {
            let grain: [TimeGranularity: Int] = [.day: 0, .second: 1, .month: 2, .year: 3]
            let name = column.name.lowercased()
            let bookkeeping = ["create", "update", "modif", "birth", "expire", "close", "end"].contains { name.contains($0) }
            return (grain[column.time!.granularity] ?? 4) + (bookkeeping ? 10 : 0)
        }
        return candidates.min { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }?.element
    }

    /// At least one row per day of data on average: per-day averages and weekday patterns mean something.
    var hasDailyRows: Bool {
        guard let time, time.isDaily, let first = time.first, let last = time.last, let rows = table.estimatedRows else { return false }
        return rows >= Int64(first.days(to: last) + 1)
    }

    var labels: [DimensionTerm] { dimensions.filter(\.isLabel) }
    var categories: [DimensionTerm] { dimensions.filter { !$0.isLabel } }
    var primary: MeasureTerm? { measures.first }
}

/// Short table aliases from the words of a table name (`bss_service_area` → `sa`), unique within one query.
struct AliasAllocator: Sendable {
    private var taken = Set<String>()

    mutating func take(for tableName: String) -> String {
        var words = tableName.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
            .filter { $0.first?.isASCII == true }
        if words.count >= 3, words[0].count <= 3 { words.removeFirst() }
        var base = String(words.compactMap(\.first).prefix(3))
        if base.isEmpty || SQLIdentifier.isReservedWord(base) { base = "t" }
        var candidate = base
        var number = 2
        while taken.contains(candidate) || SQLIdentifier.isReservedWord(candidate) {
            candidate = base + String(number)
            number += 1
        }
        taken.insert(candidate)
        return candidate
    }
}

/// The joins and dimensions a fact table reaches: each relationship's target gives its name column and categories,
/// and one more hop gives the name of the target's own parent (`档口 → 服务区 → 公司`).
struct DimensionCollector {
    let fact: SemanticTable
    let alias: String
    let model: SemanticModel
    let reachable: Set<TableReference>
    var aliases: AliasAllocator

    mutating func collect() -> [DimensionTerm] {
        var labels: [DimensionTerm] = []
        var categories: [DimensionTerm] = []
        var nouns = Set<String>()
        let tables = Dictionary(model.tables.map { ($0.reference, $0) }, uniquingKeysWith: { first, _ in first })
        // Direct references first, so that an entity reached both directly and through another table
        // (服务区 from the fact and via 档口) is joined directly.
        var hops: [(JoinedTable, SemanticTable)] = []
        for first in outgoing(fact.reference) {
            guard let parent = tables[first.to.reference] else { continue }
            let hop = join(parent, first, from: alias)
            hops.append((hop, parent))
            if let label = label(of: parent, path: [hop], entityKey: first.from.columns.first), nouns.insert(label.noun).inserted {
                labels.append(label)
            }
            categories += Self.categories(of: parent, alias: hop.alias, path: [hop])
        }
        for (hop, parent) in hops {
            for second in outgoing(parent.reference) where second.to.reference != fact.reference {
                guard let grand = tables[second.to.reference] else { continue }
                let next = join(grand, second, from: hop.alias)
                if let label = label(of: grand, path: [hop, next], entityKey: nil), nouns.insert(label.noun).inserted {
                    labels.append(label)
                }
            }
        }
        // The fact's own name columns (a denormalised `service_name`) only where no join names the same entity.
        for column in fact.columns where column.role == .label {
            let noun = AnalysisNames.noun(ofLabel: column.label, fallback: column.label)
            guard nouns.insert(noun).inserted else { continue }
            labels.append(DimensionTerm(noun: noun, alias: alias, column: column.name, path: [], values: [], isLabel: true,
                                        entityKey: column.name))
        }
        // Entities many tables refer to (服务区) before those few do (档口); categories with values a question can
        // name before bare codes.
        let incoming = Dictionary(grouping: model.relationships, by: \.to.reference).mapValues(\.count)
        let ranked = labels.enumerated().sorted { left, right in
            let l = left.element.path.last.map { incoming[$0.table.reference] ?? 0 } ?? -1
            let r = right.element.path.last.map { incoming[$0.table.reference] ?? 0 } ?? -1
            return (-l, left.offset) < (-r, right.offset)
        }.map(\.element)
        let all = (Self.categories(of: fact, alias: alias, path: []) + categories).filter { !nouns.contains($0.noun) }
        let named = all.enumerated().sorted { left, right in
            (left.element.values.isEmpty ? 1 : 0, left.offset) < (right.element.values.isEmpty ? 1 : 0, right.offset)
        }.map(\.element)
        return ranked + named
    }

    private func outgoing(_ reference: TableReference) -> [SemanticRelationship] {
        model.relationships.filter { $0.from.reference == reference && reachable.contains($0.to.reference) && $0.to.reference != $0.from.reference }
    }

    private mutating func join(_ table: SemanticTable, _ relationship: SemanticRelationship, from owner: String) -> JoinedTable {
        let alias = aliases.take(for: table.name)
        let condition = zip(relationship.to.columns, relationship.from.columns).map { parent, child in
            "\(alias).\(SQLIdentifier.display(parent)) = \(owner).\(SQLIdentifier.display(child))"
        }.joined(separator: " AND ")
        return JoinedTable(table: table, alias: alias, condition: condition, live: AnalysisNames.liveCondition(table, alias: alias))
    }

    private func label(of table: SemanticTable, path: [JoinedTable], entityKey: String?) -> DimensionTerm? {
        guard let column = table.columns.first(where: { $0.role == .label }) else { return nil }
        let noun = AnalysisNames.noun(ofLabel: column.label, fallback: table.chineseName)
        return DimensionTerm(noun: noun, alias: path.last!.alias, column: column.name, path: path, values: [], isLabel: true,
                             entityKey: entityKey)
    }

    /// Category columns with a few values (2…40) worth grouping by.
    static func categories(of table: SemanticTable, alias: String, path: [JoinedTable]) -> [DimensionTerm] {
        table.columns.compactMap { column in
            guard column.role == .dimension, let dimension = column.dimension else { return nil }
            if let cardinality = dimension.cardinality, !(2...40).contains(cardinality) { return nil }
            guard dimension.values.count >= 2 || (dimension.cardinality ?? 0) >= 2 else { return nil }
            return DimensionTerm(noun: AnalysisNames.noun(ofLabel: column.label, fallback: column.label), alias: alias,
                                 column: column.name, path: path, values: AnalysisNames.nameableValues(dimension),
                                 isLabel: false, entityKey: nil)
        }
    }
}
