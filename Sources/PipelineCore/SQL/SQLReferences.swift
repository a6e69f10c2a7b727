/// A name in SQL text as PostgreSQL resolves it: an unquoted word folds to lower case (ASCII only), a quoted
/// identifier keeps its spelling.
struct SQLName: Hashable, Sendable {
    let text: String
    let quoted: Bool

    init(_ token: SQLToken) {
        if token.kind == .quotedIdentifier {
            var inner = token.text
            if inner.hasPrefix("U&") { inner.removeFirst(2) }
            inner = String(inner.dropFirst().dropLast())
            text = inner.replacingOccurrences(of: "\"\"", with: "\"")
            quoted = true
        } else {
            text = token.keyword.lowercased()
            quoted = false
        }
    }

    /// Whether this name refers to the catalog name `real`. Unquoted words match case-insensitively: the light check
    /// lets `Orders` pass for a table created as `"Orders"` and leaves the verdict to `EXPLAIN`.
    func matches(_ real: String) -> Bool {
        quoted ? text == real : text == real.lowercased()
    }

    /// What two names are compared by inside one query.
    var key: String { quoted ? text : text.lowercased() }
}

/// What one token pass finds in a query: the relations of its `FROM` clauses, the names it defines itself, and the
/// column references to check.
struct SQLReferences: Sendable {
    struct Relation: Sendable {
        var schema: SQLName?
        var name: SQLName
        var alias: SQLName?
    }

    struct QualifiedColumn: Sendable {
        /// `[alias]`, `[table]` or `[schema, table]`.
        var qualifier: [SQLName]
        var column: SQLName
    }

    var relations: [Relation] = []
    /// CTE names and aliases of derived tables and table functions: relations whose columns are not documented.
    var derivedNames: Set<String> = []
    /// Column aliases, column lists of derived tables and function names (`ORDER BY count` means the `count(*)`
    /// output column): names a bare word may mean besides a table column.
    var outputNames: Set<String> = []
    var qualified: [QualifiedColumn] = []
    /// Words that can only be a column reference (not a keyword, function, alias definition or type).
    var bare: [SQLName] = []
    /// False when the query uses a construct the pass does not model (a table function in `FROM`); bare words are
    /// then not checked.
    var modelsAllRelations = true
}
