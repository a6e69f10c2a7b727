/// A table's kind and grain from its columns' roles and its relationships.
///
/// * bridge: two or more references, no measure, nothing else but keys (a many-to-many link);
/// * fact: measures and a time column, with references to other tables (or dimensions of its own, or many rows);
/// * dimension: referenced by another table, or has a name column and no measures;
/// * log: named like a log/event/history table, or timestamped records without measures nothing refers to;
/// * other: the rest.
struct SemanticTableBuilder {
    static let logWords: Set<String> = ["log", "logs", "event", "events", "history", "journal", "trace", "audit", "feedback"]
    static let factRowsWithoutReferences: Int64 = 10_000

    static func kind(_ table: TableDescription, columns: [SemanticColumn], isReferenced: Bool) -> TableKind {
        let roles = columns.map(\.role)
        let references = roles.filter { $0 == .foreignKey }.count
        let measures = roles.filter { $0 == .measure }.count
        let times = roles.filter { $0 == .time }.count
        let others = columns.filter { ![.foreignKey, .audit, .identifier].contains($0.role) }.count
        if references >= 2, measures == 0, others <= 1 { return .bridge }
        if measures > 0, times > 0 {
            let dimensions = roles.contains(.dimension) || roles.contains(.label)
            if references > 0 || dimensions || (table.estimatedRows ?? 0) >= factRowsWithoutReferences { return .fact }
        }
        if isReferenced { return .dimension }
        let words = NameTokens.tokens(table.reference.name)
        if words.contains(where: logWords.contains) { return .log }
        if roles.contains(.label), measures == 0 { return .dimension }
        if times > 0, measures == 0, columns.contains(where: { $0.role == .time && $0.time?.granularity == .second }) { return .log }
        return .other
    }

    /// What one row is, in Chinese.
    static func grain(_ kind: TableKind, entity: String, columns: [SemanticColumn],
                      targets: [String: String]) -> String {
        switch kind {
        case .fact:
            var parts = columns.filter { $0.role == .foreignKey }.compactMap { targets[$0.name] }
            parts += columns.filter { column in
                column.role == .dimension && !(column.dimension?.values ?? []).isEmpty && (column.dimension?.values.count ?? 0) <= 20
            }.prefix(2).map(\.label)
            if let time = columns.first(where: { $0.role == .time }) { parts.append(timeWord(time.time?.granularity ?? .second)) }
            var seen = Set<String>()
            let unique = parts.filter { seen.insert($0).inserted }
            return unique.isEmpty ? "每行 = 一条\(entity)记录" : "每行 = " + unique.joined(separator: " × ")
        case .dimension: return "每行 = 一个\(entity)"
        case .bridge:
            let linked = columns.filter { $0.role == .foreignKey }.compactMap { targets[$0.name] }
            return "每行 = \(linked.joined(separator: " 与 ")) 的一个对应关系"
        case .log, .other: return "每行 = 一条\(entity)记录"
        }
    }

    static func timeWord(_ granularity: TimeGranularity) -> String {
        switch granularity {
        case .year: "年"
        case .month: "月"
        case .day: "日"
        case .second: "时刻"
        }
    }
}
