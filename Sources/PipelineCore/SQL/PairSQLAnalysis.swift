import PgQuery

/// What the quality measures (QUALITY.md, docs/quality-report.md) need to know about one pair's SQL, read from
/// PostgreSQL's parse tree: the tables it reads, its column references with the clause each stands in, the aggregate
/// functions it calls, its equality conditions between columns (joins) and the structure that sets its difficulty.
///
/// Scope is deliberately flat, as the measures define it: an alias or an unqualified column is resolved against
/// every table the statement reads, wherever the reference stands (`resolve`).
public struct PairSQLAnalysis: Sendable {
    /// Where a column reference stands.
    public enum Clause: String, Sendable {
        case select, from, on, `where`, group, having, order, partition, window, limit, values, with
    }

    /// One column reference.
    public struct Reference: Sendable, Equatable {
        /// The alias or table before the column (`a` in `a.x`, `t` in `s.t.x`), nil when unqualified.
        public var qualifier: String?
        public var name: String
        public var clause: Clause
        /// Inside the arguments of a date function (`date_trunc`, `extract`, `to_char`, …).
        public var inDateFunction: Bool
        /// Inside the arguments of an aggregate function.
        public var inAggregate: Bool
        /// A value summed: inside `SUM(…)`, not in a `CASE` condition, not an operand of `*` or `/`.
        public var summed: Bool
        /// Only tested for NULL (`x IS [NOT] NULL`).
        public var nullTest: Bool
    }

    /// Real tables read (FROM/JOIN items at any depth, CTE names excluded), without schema, in order of appearance.
    public private(set) var tables: [String] = []
    /// Alias → table (the later definition wins when one alias is used twice).
    public private(set) var aliases: [String: String] = [:]
    public private(set) var references: [Reference] = []
    /// Aggregate functions called (lower-case).
    public private(set) var aggregates: Set<String> = []
    /// A `GROUP BY` in any `SELECT` of the statement.
    public private(set) var hasGroupBy = false
    public private(set) var hasWindow = false
    public private(set) var hasCTE = false
    public private(set) var hasSubquery = false
    public private(set) var hasOrderOrLimit = false
    /// `a = b` conditions between two columns (ON or WHERE): the candidate joins.
    public private(set) var equalities: [(Reference, Reference)] = []

    /// PostgreSQL's general-purpose and statistical aggregates.
    public static let aggregateFunctions: Set<String> = [
        "count", "sum", "avg", "min", "max", "string_agg", "array_agg", "json_agg", "jsonb_agg", "json_object_agg",
        "jsonb_object_agg", "bool_and", "bool_or", "every", "bit_and", "bit_or", "stddev", "stddev_pop", "stddev_samp",
        "variance", "var_pop", "var_samp", "corr", "covar_pop", "covar_samp", "regr_slope", "regr_intercept",
        "regr_count", "regr_r2", "percentile_cont", "percentile_disc", "mode",
    ]
    /// Functions that work on a date or timestamp value.
    public static let dateFunctions: Set<String> = [
        "date_trunc", "extract", "date_part", "to_char", "age", "date", "make_date", "justify_days",
        "justify_interval", "date_bin", "isfinite", "timezone",
    ]

    private var cteNames: Set<String> = []
    private var aliasDefinitions: [(location: Int, alias: String, table: String)] = []

    /// The analysis of one statement; nil when the text is not exactly one statement that parses.
    public init?(_ sql: String) {
        // The parser alone (no token scan: nothing here needs tokens), with `ParsedSQL`'s bounds on the text.
        guard sql.utf8.count <= ParsedSQL.maxBytes, !sql.utf8.contains(0), let statements = try? PgQuery.parse(sql),
              statements.count == 1 else { return nil }
        walk(statements[0].node, Context(clause: .select))
        tables = tables.filter { !cteNames.contains($0) }
        for definition in aliasDefinitions.sorted(by: { $0.location < $1.location }) where !cteNames.contains(definition.table) {
            aliases[definition.alias] = definition.table
        }
    }

    /// The tables a reference belongs to: the alias's or table's for a qualified one, every table read that has
    /// such a column for an unqualified one. `columns(table)` gives a table's column names.
    public func owners(of reference: Reference, columns: (String) -> Set<String>) -> [String] {
        if let qualifier = reference.qualifier {
            let table = aliases[qualifier] ?? (tables.contains(qualifier) ? qualifier : nil)
            guard let table, columns(table).contains(reference.name) else { return [] }
            return [table]
        }
        var seen = Set<String>()
        return tables.filter { seen.insert($0).inserted && columns($0).contains(reference.name) }
    }

    // MARK: - The walk

    private struct Context {
        var clause: Clause
        var inDate = false
        var inAggregate = false
        /// Inside `SUM(…)`; false again in a `CASE` condition.
        var summing = false
    }

    private mutating func walk(_ node: PgNode, _ context: Context) {
        if case .array(let items) = node {
            for item in items { walk(item, context) }
            return
        }
        guard let (type, fields) = node.typed else {
            for child in node.children { walk(child, context) }
            return
        }
        switch type {
        case "SelectStmt": select(fields, context)
        case "RangeVar": relation(fields)
        case "ColumnRef": reference(fields, context, nullTest: false)
        case "FuncCall": function(fields, context)
        case "A_Expr": expression(fields, context)
        case "CaseExpr": caseExpression(fields, context)
        case "NullTest":
            if let argument = fields["arg"], let (argType, column) = argument.typed, argType == "ColumnRef" {
                reference(column, context, nullTest: true)
            } else {
                walkFields(fields, context)
            }
        case "SubLink", "RangeSubselect":
            hasSubquery = true
            walkFields(fields, context)
        case "JoinExpr":
            for key in ["larg", "rarg"] { if let side = fields[key] { walk(side, context) } }
            var on = context
            on.clause = .on
            // `USING (x)` names columns of both sides, like an ON condition.
            for name in fields["usingClause"]?.array?.compactMap({ $0["String"]?["sval"]?.string }) ?? [] {
                references.append(Reference(qualifier: nil, name: name, clause: .on, inDateFunction: context.inDate,
                                            inAggregate: context.inAggregate, summed: false, nullTest: false))
            }
            if let quals = fields["quals"] { walk(quals, on) }
        case "CommonTableExpr":
            hasCTE = true
            if let name = fields["ctename"]?.string { cteNames.insert(name) }
            if let query = fields["ctequery"] { walk(query, context) }
        case "TypeCast":
            if let argument = fields["arg"] { walk(argument, context) }
        case "WindowDef":
            window(fields, context)
        default:
            walkFields(fields, context)
        }
    }

    private mutating func walkFields(_ fields: PgNode, _ context: Context) {
        for child in fields.children { walk(child, context) }
    }

    private mutating func select(_ fields: PgNode, _ context: Context) {
        if let groups = fields["groupClause"]?.array, !groups.isEmpty { hasGroupBy = true }
        guard case .object(let entries) = fields else { return }
        for (key, value) in entries {
            var inner = context
            switch key {
            case "withClause":
                inner.clause = .with
                walk(value, inner)
            case "larg", "rarg":
                // A set operation's sides are SelectStmt fields written without their type key.
                select(value.typed?.type == "SelectStmt" ? value.typed!.fields : value, context)
            default:
                guard let clause = Self.clauses[key] else { continue }
                if key == "sortClause" || key == "limitCount" { hasOrderOrLimit = true }
                inner.clause = clause
                walk(value, inner)
            }
        }
    }

    private static let clauses: [String: Clause] = [
        "distinctClause": .select, "targetList": .select, "fromClause": .from, "whereClause": .where,
        "groupClause": .group, "havingClause": .having, "windowClause": .window, "sortClause": .order,
        "limitCount": .limit, "limitOffset": .limit, "valuesLists": .values,
    ]

    private mutating func relation(_ fields: PgNode) {
        guard let name = fields["relname"]?.string else { return }
        tables.append(name)
        if let alias = fields["alias"]?["aliasname"]?.string {
            aliasDefinitions.append((fields["location"]?.int ?? 0, alias, name))
        }
    }

    private mutating func reference(_ fields: PgNode, _ context: Context, nullTest: Bool, summedOperand: Bool = true) {
        let parts = (fields["fields"]?.array ?? []).map { $0["String"]?["sval"]?.string ?? ($0["A_Star"] != nil ? "*" : "") }
        guard let name = parts.last, name != "*", !parts.contains("") else { return }
        references.append(Reference(qualifier: parts.count >= 2 ? parts[parts.count - 2] : nil, name: name,
                                    clause: context.clause, inDateFunction: context.inDate,
                                    inAggregate: context.inAggregate, summed: context.summing && summedOperand,
                                    nullTest: nullTest))
    }

    private mutating func function(_ fields: PgNode, _ context: Context) {
        let name = fields["funcname"]?.array?.last?["String"]?["sval"]?.string ?? ""
        var inner = context
        if Self.aggregateFunctions.contains(name) {
            aggregates.insert(name)
            inner.inAggregate = true
        }
        if Self.dateFunctions.contains(name) { inner.inDate = true }
        if name == "sum" { inner.summing = true }
        for key in ["args", "agg_order"] { if let value = fields[key] { walk(value, inner) } }
        // FILTER (WHERE …) filters like a WHERE clause; it stands outside the aggregate's arguments.
        if let filter = fields["agg_filter"] {
            var condition = context
            condition.clause = .where
            walk(filter, condition)
        }
        if let over = fields["over"] {
            hasWindow = true
            window(over.typed?.fields ?? over, context)
        }
    }

    private mutating func window(_ fields: PgNode, _ context: Context) {
        for (key, clause) in [("partitionClause", Clause.partition), ("orderClause", Clause.order)] {
            guard let value = fields[key] else { continue }
            var inner = context
            inner.clause = clause
            walk(value, inner)
        }
    }

    private mutating func expression(_ fields: PgNode, _ context: Context) {
        let operatorName = fields["name"]?.array?.last?["String"]?["sval"]?.string
        let isOperator = fields["kind"]?.string == "AEXPR_OP"
        let left = fields["lexpr"], right = fields["rexpr"]
        if isOperator, operatorName == "=", let l = left?.typed, l.type == "ColumnRef", let r = right?.typed, r.type == "ColumnRef" {
            let before = references.count
            reference(l.fields, context, nullTest: false)
            reference(r.fields, context, nullTest: false)
            if references.count == before + 2 { equalities.append((references[before], references[before + 1])) }
            return
        }
        // An operand of `*` or `/` inside SUM is a factor (SUM(qty * price)), not a summed value.
        let product = isOperator && (operatorName == "*" || operatorName == "/")
        for side in [left, right].compactMap({ $0 }) {
            if product, let (sideType, column) = side.typed, sideType == "ColumnRef" {
                reference(column, context, nullTest: false, summedOperand: false)
            } else {
                walk(side, context)
            }
        }
    }

    private mutating func caseExpression(_ fields: PgNode, _ context: Context) {
        if let argument = fields["arg"] { walk(argument, context) }
        var condition = context
        condition.summing = false
        for branch in fields["args"]?.array ?? [] {
            let when = branch.typed?.fields ?? branch
            if let expression = when["expr"] { walk(expression, condition) }
            if let result = when["result"] { walk(result, context) }
        }
        if let otherwise = fields["defresult"] { walk(otherwise, context) }
    }
}
