/// The token rules of `ReadOnlySQL.violation(in:)`, on the tokens of one text (comments and one trailing `;`
/// already dropped).
enum StatementRules {
    /// Keywords that start a statement which writes data or changes the schema or privileges. In a read-only
    /// query they cannot appear at all, so finding one anywhere (a data-modifying CTE included) rejects the text.
    static let modifyingKeywords: Set<String> = [
        "INSERT", "UPDATE", "DELETE", "MERGE", "TRUNCATE", "DROP", "ALTER", "CREATE", "GRANT", "REVOKE", "COPY",
        "CALL", "DO",
    ]

    /// What may start the query.
    static let queryKeywords: Set<String> = ["SELECT", "WITH", "VALUES"]

    static func violation(in tokens: [SQLToken]) -> String? {
        guard let first = tokens.first else { return "SQL为空" }
        if tokens.contains(where: { $0.isSymbol(";") }) { return "只允许单条SQL语句" }

        // `(SELECT …) UNION (SELECT …)`: skip the opening parentheses, then the same keywords apply.
        let leading = tokens.firstIndex { !$0.isSymbol("(") } ?? tokens.endIndex
        let head = leading < tokens.endIndex ? tokens[leading] : first
        guard head.kind == .word, queryKeywords.contains(head.keyword) else {
            return "只允许SELECT查询语句（发现: \(head.kind == .word ? head.keyword : head.text)）"
        }

        for (index, token) in tokens.enumerated() {
            if let reason = violation(at: index, token, in: tokens) { return reason }
        }
        return balanced(tokens) ? nil : "SQL括号不匹配"
    }

    private static func violation(at index: Int, _ token: SQLToken, in tokens: [SQLToken]) -> String? {
        let next = index + 1 < tokens.count ? tokens[index + 1] : nil
        if next?.isSymbol("(") == true, let name = SideEffectFunctions.name(of: token) {
            return "不允许调用有副作用的函数（发现: \(name)）"
        }
        guard token.kind == .word else { return nil }
        let keyword = token.keyword
        if keyword == "FOR", let next, ["UPDATE", "SHARE", "NO", "KEY"].contains(where: next.isWord) {
            return "不允许加锁查询(FOR UPDATE/SHARE)"
        }
        if modifyingKeywords.contains(keyword) {
            return "不允许数据修改或DDL语句（发现: \(keyword)）"
        }
        if keyword == "INTO" {
            return "不允许SELECT INTO"
        }
        return nil
    }

    /// Parentheses and brackets close in order and all close: the text can then be embedded as a subquery
    /// (`SELECT count(*) FROM (<sql>) AS q`) without closing the outer parenthesis early.
    private static func balanced(_ tokens: [SQLToken]) -> Bool {
        var open: [String] = []
        for token in tokens where token.kind == .symbol {
            switch token.text {
            case "(", "[":
                open.append(token.text)
            case ")", "]":
                guard let last = open.popLast(), (last == "(") == (token.text == ")") else { return false }
            default:
                continue
            }
        }
        return open.isEmpty
    }
}
