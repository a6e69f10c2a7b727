import PgQuery

/// The rules of `ReadOnlySQL.violation(in:)` on PostgreSQL's parse tree of one text.
enum StatementRules {
    /// Statements that write, keyed by their node type, with the key word a user knows them by.
    static let modifyingStatements: [String: String] = [
        "InsertStmt": "INSERT", "UpdateStmt": "UPDATE", "DeleteStmt": "DELETE", "MergeStmt": "MERGE",
    ]

    /// Schemas of the server's own catalogs: training data is about the business tables, and a query of the
    /// catalogs can tell a client about the server.
    static let systemSchemas: Set<String> = ["pg_catalog", "information_schema", "pg_toast"]

    static func violation(in parsed: ParsedSQL) -> String? {
        guard !parsed.tokens.isEmpty, let statement = parsed.statements.first else { return "SQL为空" }
        guard parsed.statements.count == 1 else { return "只允许单条SQL语句" }
        guard let (type, select) = statement.node.typed else { return "SQL为空" }
        let leading = parsed.leadingWord
        guard type == "SelectStmt", leading == "SELECT" || leading == "WITH" else {
            return "只允许SELECT查询语句（发现: \(modifyingStatements[type] ?? leading)）"
        }
        if select["valuesLists"] != nil { return "只允许SELECT查询语句（发现: VALUES）" }
        return violation(in: statement.node)
    }

    /// The first rule a node below the statement breaks, depth first.
    private static func violation(in node: PgNode) -> String? {
        if let (type, fields) = node.typed {
            if let keyword = modifyingStatements[type] { return "不允许数据修改或DDL语句（发现: \(keyword)）" }
            switch type {
            case "SelectStmt":
                if fields["intoClause"] != nil { return "不允许SELECT INTO" }
                if fields["lockingClause"] != nil { return "不允许加锁查询(FOR UPDATE/SHARE)" }
            case "FuncCall":
                if let function = functionName(fields), SideEffectFunctions.names.contains(function.name) {
                    return "不允许调用有副作用的函数（发现: \(function.name)）"
                }
            case "RangeVar":
                if let relation = fields["relname"]?.string, isSystemRelation(schema: fields["schemaname"]?.string, relation) {
                    return "不允许查询系统表（发现: \(relation)）"
                }
            default:
                break
            }
        }
        for child in node.children {
            if let reason = violation(in: child) { return reason }
        }
        return nil
    }

    /// The schema and name of a `FuncCall` (`funcname` is a list of `String` nodes: `[schema,] name`).
    static func functionName(_ call: PgNode) -> SQLFunctionName? {
        let parts = call["funcname"]?.array?.compactMap { $0["String"]?["sval"]?.string } ?? []
        guard let name = parts.last else { return nil }
        return SQLFunctionName(schema: parts.count >= 2 ? parts[parts.count - 2] : nil, name: name)
    }

    /// A catalog schema, or an unqualified `pg_…` name (what the server's catalogs are called; a business table of
    /// that name must be written with its schema).
    private static func isSystemRelation(schema: String?, _ relation: String) -> Bool {
        if let schema { return systemSchemas.contains(schema) || schema.hasPrefix("pg_temp") }
        return relation.hasPrefix("pg_")
    }
}
