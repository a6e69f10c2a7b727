import PipelineCore

/// Per table and column of the semantic model: how many pairs read the table and use the column, and the business
/// columns no pair uses (QUALITY.md's coverage, spelled out).
struct CoverageReport: Encodable {
    struct Table: Encodable {
        var table: String
        var chineseName: String
        var kind: String
        /// Pairs reading the table (1-based numbers in the pair file).
        var pairs: [Int]
        var columns: [Column]

        enum CodingKeys: String, CodingKey {
            case table, kind, pairs, columns
            case chineseName = "chinese_name"
        }
    }

    struct Column: Encodable {
        var name: String
        var label: String
        var role: String
        var business: Bool
        /// How many pairs use it.
        var pairs: Int
    }

    var businessColumns: Int
    var usedBusinessColumns: Int
    /// `schema.table.column (role)`, in model order.
    var unusedBusinessColumns: [String]
    var tables: [Table]

    enum CodingKeys: String, CodingKey {
        case tables
        case businessColumns = "business_columns", usedBusinessColumns = "used_business_columns"
        case unusedBusinessColumns = "unused_business_columns"
    }

    init(model: SemanticModel, facts: [PairQualityFacts]) {
        var pairsByTable: [String: [Int]] = [:]
        var usesByColumn: [PairQualityFacts.ColumnKey: Int] = [:]
        for (offset, fact) in facts.enumerated() {
            for table in fact.tables { pairsByTable[table, default: []].append(offset + 1) }
            for key in fact.usedColumns { usesByColumn[key, default: 0] += 1 }
        }
        var business = 0, used = 0
        var unused: [String] = []
        tables = model.tables.map { table in
            let name = table.name.lowercased()
            let columns = table.columns.map { column in
                let uses = usesByColumn[PairQualityFacts.ColumnKey(table: name, column: column.name.lowercased())] ?? 0
                let isBusiness = ModelColumns.businessRoles.contains(column.role)
                if isBusiness {
                    business += 1
                    if uses > 0 { used += 1 } else { unused.append("\(table.schema).\(table.name).\(column.name) (\(column.role.rawValue))") }
                }
                return Column(name: column.name, label: column.label, role: column.role.rawValue, business: isBusiness, pairs: uses)
            }
            return Table(table: "\(table.schema).\(table.name)", chineseName: table.chineseName, kind: table.kind.rawValue,
                         pairs: pairsByTable[name] ?? [], columns: columns)
        }
        businessColumns = business
        usedBusinessColumns = used
        unusedBusinessColumns = unused
    }
}

/// The model's relationships and whether some pair joins on them (equates the two ends' columns).
struct RelationshipUse: Encodable {
    struct Item: Encodable {
        var id: String
        var source: String
        var confidence: Double
        /// Pairs joining on it.
        var pairs: Int
    }

    var available: Int
    var used: Int
    var items: [Item]

    init(model: SemanticModel, facts: [PairQualityFacts]) {
        // Each pair counts once per join, whichever side it wrote first.
        var pairsByJoin: [String: Int] = [:]
        for fact in facts {
            for join in Set(fact.joins.map { Self.key($0.0, $0.1) }) { pairsByJoin[join, default: 0] += 1 }
        }
        items = model.relationships.map { relationship in
            let from = PairQualityFacts.ColumnKey(table: relationship.from.table.lowercased(),
                                                  column: relationship.from.columns.first?.lowercased() ?? "")
            let to = PairQualityFacts.ColumnKey(table: relationship.to.table.lowercased(),
                                                column: relationship.to.columns.first?.lowercased() ?? "")
            return Item(id: relationship.id, source: relationship.source.rawValue, confidence: relationship.confidence,
                        pairs: pairsByJoin[Self.key(from, to)] ?? 0)
        }
        available = items.count
        used = items.filter { $0.pairs > 0 }.count
    }

    private static func key(_ a: PairQualityFacts.ColumnKey, _ b: PairQualityFacts.ColumnKey) -> String {
        let (x, y) = ("\(a.table).\(a.column)", "\(b.table).\(b.column)")
        return x < y ? "\(x)=\(y)" : "\(y)=\(x)"
    }
}
