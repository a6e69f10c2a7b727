/// Join paths of up to three tables that follow the relationships: fact → dimension, fact → dimension →
/// dimension, and table → bridge → table.
enum JoinPaths {
    static func find(tables: [SemanticTable], relationships: [SemanticRelationship]) -> [JoinPath] {
        let byReference = Dictionary(tables.map { ($0.reference, $0) }, uniquingKeysWith: { first, _ in first })
        let outgoing = Dictionary(grouping: relationships, by: \.from.reference)
        func name(_ reference: TableReference) -> String { byReference[reference]?.chineseName ?? reference.name }
        var paths: [JoinPath] = []
        for table in tables where table.kind == .fact {
            for first in outgoing[table.reference] ?? [] where first.to.reference != table.reference {
                let middle = first.to.reference
                paths.append(JoinPath(tables: [table.reference.documentName, middle.documentName], relationships: [first.id],
                                      description: "\(name(table.reference)) → \(name(middle))"))
                for second in outgoing[middle] ?? [] where ![table.reference, middle].contains(second.to.reference) {
                    let last = second.to.reference
                    paths.append(JoinPath(
                        tables: [table.reference.documentName, middle.documentName, last.documentName],
                        relationships: [first.id, second.id],
                        description: "\(name(table.reference)) → \(name(middle)) → \(name(last))"))
                }
            }
        }
        for bridge in tables where bridge.kind == .bridge {
            let links = outgoing[bridge.reference] ?? []
            for (index, left) in links.enumerated() {
                for right in links[(index + 1)...] where left.to.reference != right.to.reference {
                    paths.append(JoinPath(
                        tables: [left.to.reference.documentName, bridge.reference.documentName, right.to.reference.documentName],
                        relationships: [left.id, right.id],
                        description: "\(name(left.to.reference)) → \(name(bridge.reference)) → \(name(right.to.reference))"))
                }
            }
        }
        return paths
    }
}
