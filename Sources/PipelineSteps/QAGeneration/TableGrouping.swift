import PipelineCore

/// Splits a schema into groups of at most `maxTables` tables for theme extraction (ARCHITECTURE.md §6): tables joined
/// by foreign keys stay together, unrelated small clusters are packed by name prefix. The predecessor refused more
/// than 20 tables instead.
enum TableGrouping {
    /// One group when everything fits (a theme may then join any two tables); otherwise components of the
    /// relationships — declared keys and the semantic model's inferred ones — packed up to the limit.
    static func groups(_ tables: [TableDescription], maxTables: Int, model: SemanticModel? = nil) -> [[TableDescription]] {
        let limit = max(1, maxTables)
        guard tables.count > limit else { return tables.isEmpty ? [] : [tables] }
        let components = connectedComponents(tables, model: model).flatMap { split($0, limit: limit) }
        // Pack in prefix order, so `ods.*` or `bss_*` clusters share a group before unrelated ones do.
        let ordered = components.enumerated().sorted { left, right in
            (prefix(of: left.element[0]), left.offset) < (prefix(of: right.element[0]), right.offset)
        }.map(\.element)
        var groups: [[TableDescription]] = []
        for component in ordered {
            if let last = groups.indices.last, groups[last].count + component.count <= limit,
               prefix(of: groups[last][0]) == prefix(of: component[0]) || groups[last].count + component.count <= limit / 2 {
                groups[last] += component
            } else {
                groups.append(component)
            }
        }
        return groups
    }

    /// Tables linked by foreign keys (either direction), each component in breadth-first order from its first table.
    static func connectedComponents(_ tables: [TableDescription], model: SemanticModel? = nil) -> [[TableDescription]] {
        let index = Dictionary(tables.enumerated().map { ($0.element.reference, $0.offset) }, uniquingKeysWith: { first, _ in first })
        var neighbours = Array(repeating: [Int](), count: tables.count)
        for (position, table) in tables.enumerated() {
            for key in table.foreignKeys + (model?.inferredKeys(of: table.reference) ?? []) {
                guard let target = index[key.target], target != position else { continue }
                neighbours[position].append(target)
                neighbours[target].append(position)
            }
        }
        var seen = Array(repeating: false, count: tables.count)
        var components: [[TableDescription]] = []
        for start in tables.indices where !seen[start] {
            var queue = [start]
            seen[start] = true
            var cursor = 0
            while cursor < queue.count {
                for next in neighbours[queue[cursor]].sorted() where !seen[next] {
                    seen[next] = true
                    queue.append(next)
                }
                cursor += 1
            }
            components.append(queue.map { tables[$0] })
        }
        return components
    }

    /// A component larger than the limit in breadth-first chunks (neighbours mostly stay together).
    static func split(_ component: [TableDescription], limit: Int) -> [[TableDescription]] {
        stride(from: 0, to: component.count, by: limit).map { Array(component[$0..<min($0 + limit, component.count)]) }
    }

    /// `schema` plus the table name's first word (`public.bss`, `ods.order`).
    static func prefix(of table: TableDescription) -> String {
        let name = table.reference.name.lowercased()
        let word = name.split(separator: "_").first.map(String.init) ?? name
        return "\(table.reference.schema).\(word)"
    }
}
