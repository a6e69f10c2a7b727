import PipelineCore

/// Whether a pair concerns some tables: by its `tables` (step 2 writes `public.t` from the built-in generator and
/// `t` or `schema.t` from a model), else by the relations its SQL names (an edited or uploaded pair may carry no
/// `tables`; an unqualified relation matches a table of that name in any schema).
struct PairTableMatch {
    private let qualified: Set<String>
    private let bare: Set<String>

    init(_ tables: Set<TableReference>) {
        qualified = Set(tables.flatMap { [$0.description, $0.documentName, "\($0.schema).\($0.name)"] })
        bare = Set(tables.map(\.name))
    }

    func matches(tables: [String], sql: String) -> Bool {
        guard !bare.isEmpty else { return false }
        if !tables.isEmpty { return tables.contains { qualified.contains($0) } }
        guard let references = ReadOnlySQL.references(in: sql) else { return false }
        return references.relations.contains { relation in
            relation.schema.map { qualified.contains("\($0).\(relation.name)") } ?? bare.contains(relation.name)
        }
    }
}
