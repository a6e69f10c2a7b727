/// The semantic model after a refresh: the tables that were redone take their entries from a model rebuilt now,
/// every other table keeps the entry the task's model had (edited or generated: the file is the reference), and
/// relationships are the old ones between untouched tables plus the rebuilt ones of a redone table. Tables that
/// are gone leave the model with their relationships. Join paths are found again over the result. Pure.
public enum SemanticModelRefresh {
    public static func merge(previous: SemanticModel?, rebuilt: SemanticModel, redone: Set<TableReference>,
                             gone: Set<TableReference>) -> SemanticModel {
        guard let previous else { return rebuilt }
        let old = Dictionary(previous.tables.map { ($0.reference, $0) }, uniquingKeysWith: { first, _ in first })
        let tables = rebuilt.tables.map { table in redone.contains(table.reference) ? table : old[table.reference] ?? table }
        let present = Set(tables.map(\.reference))
        func touches(_ relationship: SemanticRelationship) -> Bool {
            redone.contains(relationship.from.reference) || redone.contains(relationship.to.reference)
        }
        var relationships = previous.relationships.filter { relationship in
            !touches(relationship) && !gone.contains(relationship.from.reference) && !gone.contains(relationship.to.reference)
                && present.contains(relationship.from.reference) && present.contains(relationship.to.reference)
        }
        var ids = Set(relationships.map(\.id))
        for relationship in rebuilt.relationships where touches(relationship) && ids.insert(relationship.id).inserted {
            relationships.append(relationship)
        }
        return SemanticModel(version: previous.version, tables: tables, relationships: relationships,
                             joinPaths: JoinPaths.find(tables: tables, relationships: relationships))
    }
}
