/// A light check of a query's table and column references against documented tables, for SQL a language model
/// wrote: every relation of a `FROM` clause must be one of the tables (or a CTE), every `alias.column` whose alias
/// is known must be a column of that table, and a bare word that can only be a column must be a column of one of
/// the query's tables.
///
/// On PostgreSQL's parse tree (`ReadOnlySQL.references(in:)`), but without the catalog: what it cannot resolve
/// with certainty (columns of CTEs, derived tables and table functions) it lets through, for `EXPLAIN` in step 3
/// to judge. Run it after `ReadOnlySQL.violation(in:)` accepted the text.
public enum SQLReferenceCheck {
    /// Short Chinese descriptions of the references that do not exist (empty when none was found).
    public static func problems(in sql: String, tables: [TableDescription]) -> [String] {
        guard let references = ReadOnlySQL.references(in: sql) else { return [] }
        var problems: [String] = []
        var bindings: [String: TableDescription?] = [:]
        var queried: [TableDescription] = []

        for relation in references.relations {
            let shown = display(relation)
            if relation.schema == nil, references.derivedNames.contains(relation.name) {
                if let alias = relation.alias { bindings[alias] = .some(nil) }
                continue
            }
            guard let table = find(relation.schema, relation.name, in: tables) else {
                problems.append("表 \(shown) 不在可用的表中")
                continue
            }
            queried.append(table)
            bindings[relation.name] = table
            if let alias = relation.alias { bindings[alias] = table }
        }

        for reference in references.qualified {
            guard let problem = check(reference, bindings: bindings, derived: references.derivedNames, tables: tables) else { continue }
            problems.append(problem)
        }

        // Bare words only when the tree was modelled completely and a documented table is queried. A CTE's or
        // derived table's columns are its output names (aliases, column lists), which are known words, so a bare
        // word that is none of them and no column of a queried table exists nowhere: checked in CTE bodies too.
        if references.modelsAllRelations, !queried.isEmpty, problems.isEmpty {
            let known = references.outputNames.union(references.derivedNames).union(bindings.keys)
                .union(tables.map { $0.reference.schema })
            for word in references.bare where !known.contains(word) {
                guard !queried.contains(where: { table in table.columns.contains { $0.name == word } }) else { continue }
                let names = unique(queried.map { $0.reference.documentName }).joined(separator: "、")
                problems.append("字段 \(word) 不在表 \(names) 中")
            }
        }
        return unique(problems)
    }

    /// The given tables the query's `FROM` clauses name (in order, without repeats); when the text cannot be
    /// scanned, the tables whose name occurs in it.
    public static func tablesNamed(in sql: String, among tables: [TableDescription]) -> [TableDescription] {
        guard let references = ReadOnlySQL.references(in: sql) else {
            return tables.filter { sql.contains($0.reference.name) }
        }
        var found: [TableDescription] = []
        for relation in references.relations {
            guard let table = find(relation.schema, relation.name, in: tables),
                  !found.contains(where: { $0.reference == table.reference }) else { continue }
            found.append(table)
        }
        return found
    }

    // MARK: - Resolution

    private static func check(_ reference: SQLReferences.QualifiedColumn, bindings: [String: TableDescription?],
                              derived: Set<String>, tables: [TableDescription]) -> String? {
        let column = reference.column
        let table: TableDescription
        if reference.qualifier.count == 1 {
            let qualifier = reference.qualifier[0]
            if derived.contains(qualifier) { return nil }
            guard let binding = bindings[qualifier] else { return "未定义的表或别名 \(qualifier)（\(qualifier).\(column)）" }
            guard let bound = binding else { return nil }
            table = bound
        } else {
            let schema = reference.qualifier[reference.qualifier.count - 2]
            let name = reference.qualifier[reference.qualifier.count - 1]
            guard let found = find(schema, name, in: tables) else { return "表 \(schema).\(name) 不在可用的表中" }
            table = found
        }
        guard column != "*" else { return nil }
        guard !table.columns.contains(where: { $0.name == column }) else { return nil }
        return "表 \(table.reference.documentName) 没有字段 \(column)"
    }

    /// A qualified name matches its schema and table; an unqualified one a public table first, then any schema's
    /// table of that name (the database's `search_path` may reach it; `EXPLAIN` decides).
    private static func find(_ schema: String?, _ name: String, in tables: [TableDescription]) -> TableDescription? {
        if let schema {
            return tables.first { $0.reference.schema == schema && $0.reference.name == name }
        }
        let candidates = tables.filter { $0.reference.name == name }
        return candidates.first { $0.reference.schema == "public" } ?? candidates.first
    }

    private static func display(_ relation: SQLReferences.Relation) -> String {
        relation.schema.map { "\($0).\(relation.name)" } ?? relation.name
    }


    private static func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }
}
