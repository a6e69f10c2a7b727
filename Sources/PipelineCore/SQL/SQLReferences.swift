import PgQuery

/// What a query refers to, read from PostgreSQL's parse tree: the relations of its `FROM` clauses, the names it
/// defines itself, and its column references. Names are as the server resolves them (unquoted ones folded to
/// lower case, quoted ones exact).
public struct SQLReferences: Sendable, Equatable {
    public struct Relation: Sendable, Equatable {
        public var schema: String?
        public var name: String
        public var alias: String?
    }

    public struct QualifiedColumn: Sendable, Equatable {
        /// `[alias]`, `[table]` or `[schema, table]`.
        public var qualifier: [String]
        /// The column, or `*` for `t.*`.
        public var column: String
    }

    public var relations: [Relation] = []
    /// CTE names and aliases of derived tables and table functions: relations whose columns are not documented.
    public var derivedNames: Set<String> = []
    /// Column aliases, column lists of CTEs and derived tables, window and function names (`ORDER BY count` may
    /// mean the `count(*)` output column): names a bare column reference may mean besides a table column.
    public var outputNames: Set<String> = []
    public var qualified: [QualifiedColumn] = []
    /// Unqualified column references.
    public var bare: [String] = []
    /// False when the query reads from a table function, whose columns are not documented.
    public var modelsAllRelations = true
    /// Every function the query calls.
    public var functions: [SQLFunctionName] = []

    /// The references of one parsed statement.
    init(statement: PgNode) {
        collect(statement)
    }

    private mutating func collect(_ node: PgNode) {
        if let (type, fields) = node.typed { record(type, fields) }
        for child in node.children { collect(child) }
    }

    private mutating func record(_ type: String, _ fields: PgNode) {
        switch type {
        case "RangeVar":
            guard let name = fields["relname"]?.string else { return }
            let alias = fields["alias"]?["aliasname"]?.string
            relations.append(Relation(schema: fields["schemaname"]?.string, name: name, alias: alias))
            // `t AS x(a, b)` renames the columns: its columns are the list's, like a derived table's.
            if let alias, let columns = fields["alias"]?["colnames"] {
                derivedNames.insert(alias)
                outputNames.formUnion(strings(columns))
            }
        case "CommonTableExpr":
            if let name = fields["ctename"]?.string { derivedNames.insert(name) }
            outputNames.formUnion(strings(fields["aliascolnames"]))
        case "RangeSubselect", "RangeFunction", "RangeTableFunc":
            if type != "RangeSubselect" { modelsAllRelations = false }
            if let alias = fields["alias"]?["aliasname"]?.string { derivedNames.insert(alias) }
            outputNames.formUnion(strings(fields["alias"]?["colnames"]))
        case "FuncCall":
            guard let function = StatementRules.functionName(fields) else { return }
            functions.append(function)
            outputNames.insert(function.name)
        case "ResTarget":
            if let name = fields["name"]?.string { outputNames.insert(name) }
        case "WindowDef":
            if let name = fields["name"]?.string { outputNames.insert(name) }
        case "ColumnRef":
            column(fields["fields"]?.array ?? [])
        default:
            break
        }
    }

    private mutating func column(_ parts: [PgNode]) {
        let names = parts.map { $0["String"]?["sval"]?.string ?? ($0["A_Star"] != nil ? "*" : "") }
        guard let last = names.last, !names.contains("") else { return }
        if names.count == 1 {
            if last != "*" { bare.append(last) }
        } else {
            qualified.append(QualifiedColumn(qualifier: Array(names.dropLast()), column: last))
        }
    }

    private func strings(_ list: PgNode?) -> [String] {
        list?.array?.compactMap { $0["String"]?["sval"]?.string } ?? []
    }
}
