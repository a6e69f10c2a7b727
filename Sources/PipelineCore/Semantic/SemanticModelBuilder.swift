import Foundation

/// Builds the semantic model of the documented tables from their descriptions, statistics, sampled facts and the
/// data's answers to the relationship candidates. Deterministic: the same inputs give the same model.
public struct SemanticModelBuilder {
    public var tables: [TableDescription]
    public var statistics: [TableReference: TableStatistics]
    public var facts: [TableReference: SampledFacts]
    public var checks: [RelationshipCheck]
    /// Share of sampled child values the parent must have (`IntrospectionOptions.relationshipMinimumMatch`).
    public var minimumMatch: Double

    public init(tables: [TableDescription], statistics: [TableReference: TableStatistics] = [:],
                facts: [TableReference: SampledFacts] = [:], checks: [RelationshipCheck] = [], minimumMatch: Double = 0.9) {
        self.tables = tables
        self.statistics = statistics
        self.facts = facts
        self.checks = checks
        self.minimumMatch = minimumMatch
    }

    public func build() -> SemanticModel {
        let relationships = self.relationships()
        let referenced = Set(relationships.map(\.to.reference))
        var foreignKeys: [TableReference: Set<String>] = [:]
        for relationship in relationships { foreignKeys[relationship.from.reference, default: []].formUnion(relationship.from.columns) }
        let entities = Dictionary(tables.map { ($0.reference, TableEntityName.of($0)) }, uniquingKeysWith: { first, _ in first })

        let semanticTables = tables.map { table -> SemanticTable in
            let stats = statistics[table.reference]
            let classifier = ColumnRoleClassifier(foreignKeyColumns: foreignKeys[table.reference] ?? [],
                                                  primaryKey: table.primaryKeyColumns, statistics: stats,
                                                  estimatedRows: table.estimatedRows)
            let builder = SemanticColumnBuilder(classifier: classifier, statistics: stats, facts: facts[table.reference],
                                                estimatedRows: table.estimatedRows)
            let columns = Self.demotingRecordStamps(table.columns.map(builder.column))
            let kind = SemanticTableBuilder.kind(table, columns: columns, isReferenced: referenced.contains(table.reference))
            var targets: [String: String] = [:]
            for relationship in relationships where relationship.from.reference == table.reference {
                for column in relationship.from.columns where targets[column] == nil {
                    targets[column] = entities[relationship.to.reference]
                }
            }
            let entity = entities[table.reference] ?? table.reference.name
            return SemanticTable(
                schema: table.reference.schema, name: table.reference.name,
                chineseName: entity, kind: kind,
                grain: SemanticTableBuilder.grain(kind, entity: entity, columns: columns, targets: targets),
                estimatedRows: table.estimatedRows, primaryKey: table.primaryKeyColumns,
                softDeleteColumn: table.columns.first(where: AuditColumns.isSoftDelete)?.name, columns: columns
            )
        }
        return SemanticModel(tables: semanticTables, relationships: relationships,
                             joinPaths: JoinPaths.find(tables: semanticTables, relationships: relationships))
    }

    /// Declared foreign keys between the tables, then the confirmed inferred ones (best per child column).
    func relationships() -> [SemanticRelationship] {
        let listed = Set(tables.map(\.reference))
        var result: [SemanticRelationship] = []
        var taken = Set<String>()
        for table in tables {
            for key in table.foreignKeys where listed.contains(key.target) {
                let relationship = SemanticRelationship(
                    from: RelationshipEnd(table.reference, columns: key.columns), to: RelationshipEnd(key.target, columns: key.targetColumns),
                    source: .declared, confidence: 1, evidence: nil)
                guard !result.contains(where: { $0.id == relationship.id }) else { continue }
                result.append(relationship)
                for column in key.columns { taken.insert(columnKey(table.reference, column)) }
            }
        }
        let accepted = checks.filter { check in
            check.sampledValues > 0 && Double(check.foundValues) >= minimumMatch * Double(check.sampledValues)
                && !taken.contains(columnKey(check.candidate.child, check.candidate.childColumn))
        }
        let byColumn = Dictionary(grouping: accepted) { columnKey($0.candidate.child, $0.candidate.childColumn) }
        for key in byColumn.keys.sorted() {
            // Best confidence, then a parent in the child's own schema, then the shorter (less qualified) name.
            let best = byColumn[key]!.min { left, right in
                (-confidence(left), otherSchema(left), left.candidate.parent.documentName.count, left.candidate.parent.documentName)
                    < (-confidence(right), otherSchema(right), right.candidate.parent.documentName.count, right.candidate.parent.documentName)
            }!
            let candidate = best.candidate
            result.append(SemanticRelationship(
                from: RelationshipEnd(candidate.child, columns: [candidate.childColumn]),
                to: RelationshipEnd(candidate.parent, columns: [candidate.parentColumn]),
                source: .inferred, confidence: confidence(best),
                evidence: RelationshipEvidence(rule: candidate.rule, sampledValues: best.sampledValues, foundValues: best.foundValues)))
        }
        return result.sorted { $0.id < $1.id }
    }

    private func otherSchema(_ check: RelationshipCheck) -> Int {
        check.candidate.child.schema == check.candidate.parent.schema ? 0 : 1
    }

    private func confidence(_ check: RelationshipCheck) -> Double {
        let share = Double(check.foundValues) / Double(max(1, check.sampledValues))
        return (check.candidate.weight * share * 100).rounded() / 100
    }

    private func columnKey(_ table: TableReference, _ column: String) -> String {
        "\(table.schema)\u{1}\(table.name)\u{1}\(column)"
    }

    /// `created_at`-style stamps are record keeping, not business time, when the table has a business time column
    /// of its own (`open_date`, `order_time`); when they are its only time, they are kept (an order's creation
    /// time is when it was placed).
    static func demotingRecordStamps(_ columns: [SemanticColumn]) -> [SemanticColumn] {
        let stamps = columns.filter { $0.role == .time && AuditColumnName.matches($0.name) }
        guard !stamps.isEmpty, columns.contains(where: { $0.role == .time && !AuditColumnName.matches($0.name) }) else { return columns }
        return columns.map { column in
            guard column.role == .time, AuditColumnName.matches(column.name) else { return column }
            var demoted = column
            demoted.role = .audit
            demoted.time = nil
            return demoted
        }
    }
}
