import PipelineCore

/// How analyses name tables, measures, entities and values, in SQL and in Chinese.
enum AnalysisNames {
    /// `t` in the public schema, `schema.t` otherwise, quoted where PostgreSQL needs it.
    static func sqlName(_ reference: TableReference) -> String {
        reference.schema == "public"
            ? SQLIdentifier.display(reference.name)
            : "\(SQLIdentifier.display(reference.schema)).\(SQLIdentifier.display(reference.name))"
    }

    /// `a.delete_ts IS NULL` (`IS NOT TRUE` for a boolean marker), or nil without a soft-delete column.
    static func liveCondition(_ table: SemanticTable, alias: String?) -> String? {
        guard let name = table.softDeleteColumn else { return nil }
        let reference = (alias.map { $0 + "." } ?? "") + SQLIdentifier.display(name)
        let type = table.column(name)?.dataType.lowercased() ?? ""
        return type.hasPrefix("bool") ? "\(reference) IS NOT TRUE" : "\(reference) IS NULL"
    }

    /// The noun of an entity's name column: `服务区名称` → `服务区`; the fallback when nothing is left.
    static func noun(ofLabel label: String, fallback: String) -> String {
        var noun = label
        for suffix in ["名称", "名字", "姓名", "简称", "全称"] where noun.hasSuffix(suffix) {
            noun.removeLast(suffix.count)
            break
        }
        for prefix in ["所属", "关联"] where noun.hasPrefix(prefix) && noun.count > prefix.count + 1 {
            noun.removeFirst(prefix.count)
        }
        return noun.isEmpty ? fallback : noun
    }

    /// Values a question can name: a code's meaning where one is known, text values otherwise; bare numeric codes
    /// without a meaning (`source_type = '1'`) are not words a manager uses.
    static func nameableValues(_ dimension: DimensionSemantics) -> [DimensionValue] {
        dimension.values.compactMap { value in
            if let meaning = dimension.meanings[value], !meaning.isEmpty { return DimensionValue(code: value, text: meaning) }
            guard !value.isEmpty, Double(value) == nil, value.count <= 20, !LatinWords.containsLowercaseWord(value) else { return nil }
            return DimensionValue(code: value, text: value)
        }
    }

    /// The synonym each measure of the table would be called by: one only that measure of the table has.
    static func businessNames(of table: SemanticTable) -> [String: String] {
        let columns = table.columns.filter { $0.role == .measure && $0.measure != nil }
        var counts: [String: Int] = [:]
        for column in columns { for synonym in Set(column.measure!.synonyms) { counts[synonym, default: 0] += 1 } }
        var names: [String: String] = [:]
        for column in columns {
            names[column.name] = column.measure!.synonyms.first { counts[$0] == 1 && !LatinWords.containsLowercaseWord($0) }
        }
        return names
    }

    /// Business names two tables of the model would both use (`营收` for an order total and a daily sales amount):
    /// those measures go by their labels, so that their questions stay apart.
    static func contestedNames(in model: SemanticModel) -> Set<String> {
        var counts: [String: Int] = [:]
        for table in model.tables { for name in Set(businessNames(of: table).values) { counts[name, default: 0] += 1 } }
        return Set(counts.filter { $0.value > 1 }.keys)
    }

    /// The table's measures, totals and money first, each named as a business user says it.
    static func measures(of table: SemanticTable, contested: Set<String> = []) -> [MeasureTerm] {
        let columns = table.columns.filter { $0.role == .measure && $0.measure != nil }
        // A synonym only one measure of the table has is that measure's business name (`营收` for the total amount).
        let businessNames = businessNames(of: table)
        let terms = columns.map { column -> MeasureTerm in
            let semantics = column.measure!
            let unique = businessNames[column.name].flatMap { contested.contains($0) ? nil : $0 }
            let label = cleanLabel(column.label)
            let isTotal = label.contains("合计") || label.contains("总") || label.contains("累计")
            return MeasureTerm(column: column, name: unique ?? label, aggregation: semantics.aggregation, unit: semantics.unit,
                               isTotal: isTotal)
        }
        return terms.enumerated().sorted { left, right in
            (rank(left.element), left.offset) < (rank(right.element), right.offset)
        }.map(\.element)
    }

    private static func rank(_ term: MeasureTerm) -> Int {
        (term.isTotal ? 0 : 2) + (term.isMoney ? 0 : 1) + (term.additive ? 0 : 4)
    }

    /// A label without the grain word a total over many rows no longer has (`当日支付总金额` → `支付总金额`).
    static func cleanLabel(_ label: String) -> String {
        for prefix in ["当日", "当天", "每日", "当月", "本日"] where label.hasPrefix(prefix) && label.count > prefix.count + 1 {
            return String(label.dropFirst(prefix.count))
        }
        return label
    }

    /// A SQL alias from Chinese words: kept as is when PostgreSQL accepts it unquoted, quoted otherwise.
    static func alias(_ text: String) -> String {
        SQLText.alias(text)
    }

    /// `'text'` with `'` doubled.
    static func literal(_ value: String) -> String {
        SQLText.literal(value)
    }
}

/// Sibling measures (same unit, labels with a common ending, not totals) that split one quantity.
enum MeasureFamilies {
    static func find(_ measures: [MeasureTerm]) -> [MeasureFamily] {
        let parts = measures.filter { $0.additive && !$0.isTotal }
        var families: [MeasureFamily] = []
        var units: [String] = []
        for term in parts where !units.contains(term.unit ?? "") { units.append(term.unit ?? "") }
        for unit in units {
            let members = parts.filter { ($0.unit ?? "") == unit }
            guard members.count >= 2 else { continue }
            let labels = members.map { AnalysisNames.cleanLabel($0.column.label) }
            let suffix = commonSuffix(labels)
            guard suffix.count >= 2 else { continue }
            let names = labels.map { String($0.dropLast(suffix.count)) }
            guard names.allSatisfy({ !$0.isEmpty }), Set(names).count == names.count else { continue }
            let total = measures.first { $0.isTotal && $0.additive && ($0.unit ?? "") == unit }
            families.append(MeasureFamily(members: members, parts: names, noun: suffix, total: total))
        }
        return families
    }

    static func commonSuffix(_ texts: [String]) -> String {
        guard var suffix = texts.first.map(Array.init) else { return "" }
        for text in texts.dropFirst() {
            let characters = Array(text)
            var length = 0
            while length < min(suffix.count, characters.count), suffix[suffix.count - 1 - length] == characters[characters.count - 1 - length] {
                length += 1
            }
            suffix = Array(suffix.suffix(length))
        }
        return String(suffix)
    }
}
