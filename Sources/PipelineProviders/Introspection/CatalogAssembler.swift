import Foundation
import PipelineCore

/// Turns the catalog rows into the step's model: tables in list order (each once), and the missing names.
enum CatalogAssembler {
    static func snapshot(
        listed: [TableName], relations: [CatalogRelationRow], columns: [CatalogColumnRow],
        constraints: [CatalogConstraintRow], statistics: [String: TableStatistics] = [:]
    ) -> CatalogSnapshot {
        let relationByPosition = Dictionary(relations.map { ($0.listPosition, $0) }, uniquingKeysWith: { first, _ in first })
        let columnsByRelation = Dictionary(grouping: columns, by: \.relationOID)
        let constraintsByRelation = Dictionary(grouping: constraints, by: \.relationOID)

        var tables: [TableDescription] = []
        var missing: [TableName] = []
        var seenRelations: Set<String> = []
        var seenMissing: Set<String> = []
        var tableStatistics: [TableReference: TableStatistics] = [:]
        for (index, name) in listed.enumerated() {
            guard let relation = relationByPosition[index + 1] else {
                // `orders` and `public.orders` are one name; report it once.
                if seenMissing.insert("\(name.schema).\(name.table)").inserted { missing.append(name) }
                continue
            }
            // Listed twice (`orders`, `public.orders`): documented once, at its first place.
            guard seenRelations.insert(relation.oid).inserted else { continue }
            let described = table(
                relation, columns: columnsByRelation[relation.oid] ?? [],
                constraints: constraintsByRelation[relation.oid] ?? []
            )
            tables.append(described)
            var facts = statistics[relation.oid] ?? TableStatistics()
            facts.checkConstraints = (constraintsByRelation[relation.oid] ?? []).compactMap(\.checkDefinition)
            // The primary key is a unique key even when its index is not a single-column one we saw.
            if described.primaryKey.count == 1 { facts.uniqueColumns.insert(described.primaryKey[0]) }
            tableStatistics[described.reference] = facts
        }
        return CatalogSnapshot(tables: tables, missing: missing, statistics: tableStatistics)
    }

    private static func table(
        _ relation: CatalogRelationRow, columns: [CatalogColumnRow], constraints: [CatalogConstraintRow]
    ) -> TableDescription {
        let primaryKey = constraints.first(where: \.isPrimaryKey)?.columns ?? []
        let foreignKeys = constraints.filter { !$0.isPrimaryKey }.compactMap { row in
            row.target.map { ForeignKeyReference(columns: row.columns, target: $0, targetColumns: row.targetColumns) }
        }
        let foreignKeyColumns = Set(foreignKeys.flatMap(\.columns))
        let primaryKeyColumns = Set(primaryKey)
        let described = columns.enumerated().map { offset, column in
            ColumnDescription(
                name: column.name, position: offset + 1,
                dataType: ColumnTypeSpelling.dataType(formatted: column.formattedType),
                category: ColumnTypeSpelling.category(baseType: column.baseType, typeCategory: column.typeCategory),
                notNull: column.notNull,
                // A generated column's expression is not a default.
                defaultValue: column.isGenerated ? nil : DefaultValueNormalizer.normalize(column.defaultExpression),
                existingComment: nonEmpty(column.comment),
                isPrimaryKey: primaryKeyColumns.contains(column.name),
                isForeignKey: foreignKeyColumns.contains(column.name)
            )
        }
        return TableDescription(
            reference: TableReference(schema: relation.schema, name: relation.name), kind: kind(relation.relkind),
            existingComment: nonEmpty(relation.comment), estimatedRows: relation.estimatedRows, columns: described,
            primaryKey: primaryKey, foreignKeys: foreignKeys
        )
    }

    private static func kind(_ relkind: String) -> RelationKind {
        switch relkind {
        case "p": .partitionedTable
        case "v": .view
        case "m": .materializedView
        case "f": .foreignTable
        default: .table
        }
    }

    /// A blank comment is no comment (it would otherwise keep the generator from writing one).
    private static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return text
    }
}
