/// One pass over a query's tokens that collects `SQLReferences`: relations after `FROM`, `JOIN` and commas of a
/// `FROM` list, CTE and alias definitions, `alias.column` chains and bare words.
///
/// Not a parser: it follows parenthesis depth and a handful of clause keywords, which is enough for the queries a
/// model writes. Whatever it cannot place is left out of the references, never guessed, so the check built on it
/// errs towards letting a query through to `EXPLAIN`.
struct SQLReferenceScanner {
    private struct Level {
        var sawSelect = false
        var inFrom = false
    }

    private let tokens: [SQLToken]
    /// The index of the matching parenthesis, for every `(` and `)`.
    private let partner: [Int: Int]
    private var result = SQLReferences()
    /// Indices already read as part of a definition (relation names, aliases, column lists).
    private var consumed = Set<Int>()
    /// Indices right after the `)` of a derived table or table function, where its alias may follow.
    private var derivedAliasAt = Set<Int>()
    private var levels = [Level()]

    /// The references of `sql`; nil when it does not lex or its parentheses do not balance.
    static func scan(_ sql: String) -> SQLReferences? {
        guard var tokens = try? SQLLexer.tokens(sql).filter({ $0.kind != .comment }) else { return nil }
        if tokens.last?.isSymbol(";") == true { tokens.removeLast() }
        guard let partner = partners(tokens) else { return nil }
        var scanner = SQLReferenceScanner(tokens: tokens, partner: partner)
        scanner.collectCommonTableExpressions()
        scanner.run()
        return scanner.result
    }

    private init(tokens: [SQLToken], partner: [Int: Int]) {
        self.tokens = tokens
        self.partner = partner
    }

    private static func partners(_ tokens: [SQLToken]) -> [Int: Int]? {
        var open: [Int] = []
        var partner: [Int: Int] = [:]
        for (index, token) in tokens.enumerated() {
            if token.isSymbol("(") {
                open.append(index)
            } else if token.isSymbol(")") {
                guard let start = open.popLast() else { return nil }
                partner[start] = index
                partner[index] = start
            }
        }
        return open.isEmpty ? partner : nil
    }

    // MARK: - Tokens

    private func token(_ index: Int) -> SQLToken? {
        tokens.indices.contains(index) ? tokens[index] : nil
    }

    private func isSymbol(_ index: Int, _ text: String) -> Bool {
        token(index)?.isSymbol(text) ?? false
    }

    private func isWord(_ index: Int, _ keyword: String) -> Bool {
        token(index)?.isWord(keyword) ?? false
    }

    /// A quoted identifier, or a word that is not a reserved key word: what can name a relation or an alias.
    private func isIdentifier(_ index: Int) -> Bool {
        guard let token = token(index) else { return false }
        switch token.kind {
        case .quotedIdentifier: return true
        case .word: return !SQLIdentifier.isReservedWord(token.keyword.lowercased())
        default: return false
        }
    }

    // MARK: - Definitions

    /// `WITH [RECURSIVE] name [(columns)] AS [NOT] [MATERIALIZED] (…) [, name AS (…)]…`, wherever it appears.
    private mutating func collectCommonTableExpressions() {
        for index in tokens.indices where tokens[index].isWord("WITH") {
            var cursor = index + 1
            if isWord(cursor, "RECURSIVE") { cursor += 1 }
            while isIdentifier(cursor) {
                let name = cursor
                var next = cursor + 1
                if isSymbol(next, "(") {
                    guard let close = partner[next] else { return }
                    addColumnList(from: next, to: close)
                    next = close + 1
                }
                guard isWord(next, "AS") else { break }
                next += 1
                if isWord(next, "NOT") { next += 1 }
                if isWord(next, "MATERIALIZED") { next += 1 }
                guard isSymbol(next, "("), let close = partner[next] else { break }
                result.derivedNames.insert(SQLName(tokens[name]).key)
                consumed.insert(name)
                guard isSymbol(close + 1, ",") else { break }
                cursor = close + 2
            }
        }
    }

    private mutating func addColumnList(from open: Int, to close: Int) {
        for index in (open + 1)..<close where isIdentifier(index) {
            result.outputNames.insert(SQLName(tokens[index]).key)
            consumed.insert(index)
        }
    }

    /// `[AS] alias [(columns)]` after a derived table or table function; returns the index after it.
    private mutating func readDerivedAlias(at start: Int) -> Int {
        var cursor = start
        if isWord(cursor, "AS") { cursor += 1 }
        guard isIdentifier(cursor) else { return start }
        result.derivedNames.insert(SQLName(tokens[cursor]).key)
        consumed.insert(cursor)
        cursor += 1
        if isSymbol(cursor, "("), let close = partner[cursor] {
            addColumnList(from: cursor, to: close)
            cursor = close + 1
        }
        return cursor
    }

    /// One item of a `FROM` list or a `JOIN`; returns where the main pass continues.
    private mutating func readFromItem(at start: Int) -> Int {
        var cursor = start
        while isWord(cursor, "LATERAL") || isWord(cursor, "ONLY") { cursor += 1 }
        if isSymbol(cursor, "("), let close = partner[cursor] {
            derivedAliasAt.insert(close + 1)
            let next = cursor + 1
            if isWord(next, "SELECT") || isWord(next, "WITH") || isWord(next, "VALUES") || isSymbol(next, "(") {
                return cursor
            }
            // A parenthesised join: its own level, already in a FROM list.
            levels.append(Level(sawSelect: true, inFrom: true))
            return readFromItem(at: next)
        }
        guard isIdentifier(cursor) else { return cursor }
        var parts = [cursor]
        while isSymbol(cursor + 1, "."), isIdentifier(cursor + 2) {
            cursor += 2
            parts.append(cursor)
        }
        consumed.formUnion(parts)
        if isSymbol(cursor + 1, "("), let close = partner[cursor + 1] {
            // A table function (`generate_series(…) AS g(n)`): its columns are not documented.
            result.modelsAllRelations = false
            result.outputNames.insert(SQLName(tokens[cursor]).key)
            derivedAliasAt.insert(close + 1)
            return cursor + 1
        }
        var relation = SQLReferences.Relation(
            schema: parts.count >= 2 ? SQLName(tokens[parts[parts.count - 2]]) : nil, name: SQLName(tokens[cursor]))
        cursor += 1
        if isWord(cursor, "AS") { cursor += 1 }
        if isIdentifier(cursor) {
            relation.alias = SQLName(tokens[cursor])
            consumed.insert(cursor)
            cursor += 1
            if isSymbol(cursor, "("), let close = partner[cursor] {
                // `t AS x(a, b)` renames the columns: treat it as derived.
                addColumnList(from: cursor, to: close)
                if let alias = relation.alias { result.derivedNames.insert(alias.key) }
                cursor = close + 1
            }
        }
        result.relations.append(relation)
        return cursor
    }

    // MARK: - Main pass

    private mutating func run() {
        var index = 0
        while index < tokens.count {
            if derivedAliasAt.remove(index) != nil {
                let next = readDerivedAlias(at: index)
                if next != index {
                    index = next
                    continue
                }
            }
            let token = tokens[index]
            if token.isSymbol("(") {
                levels.append(Level())
                index += 1
            } else if token.isSymbol(")") {
                if levels.count > 1 { levels.removeLast() }
                index += 1
            } else if token.isSymbol(","), levels[levels.count - 1].inFrom {
                index = readFromItem(at: index + 1)
            } else if token.kind == .word, let next = clause(token, at: index) {
                index = next
            } else {
                index = reference(at: index)
            }
        }
    }

    /// Clause keywords that move the FROM state; nil when `token` is not one of them.
    private mutating func clause(_ token: SQLToken, at index: Int) -> Int? {
        let level = levels.count - 1
        switch token.keyword {
        case "SELECT":
            levels[level].sawSelect = true
            levels[level].inFrom = false
            return index + 1
        case "FROM":
            // `EXTRACT(YEAR FROM x)` and `IS DISTINCT FROM` are not clauses: no SELECT at this depth, or DISTINCT before.
            guard levels[level].sawSelect, !isWord(index - 1, "DISTINCT") else { return index + 1 }
            levels[level].inFrom = true
            return readFromItem(at: index + 1)
        case "JOIN":
            guard levels[level].inFrom else { return index + 1 }
            return readFromItem(at: index + 1)
        case "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "UNION", "INTERSECT", "EXCEPT", "WINDOW", "FETCH",
             "FOR":
            levels[level].inFrom = false
            return index + 1
        default:
            return nil
        }
    }

    /// A qualified chain, a bare word, or something else to step over; returns the index after it.
    private mutating func reference(at index: Int) -> Int {
        let token = tokens[index]
        guard !consumed.contains(index), token.kind == .word || token.kind == .quotedIdentifier else { return index + 1 }
        if isSymbol(index + 1, ".") {
            return qualifiedChain(at: index)
        }
        let name = SQLName(token)
        if isSymbol(index + 1, "(") {
            result.outputNames.insert(name.key)
            return index + 1
        }
        if token.kind == .word, SQLKeywords.notColumns.contains(name.text) { return index + 1 }
        // A type after `::`, a collation, a named argument (`f(days => 1)`).
        if isSymbol(index - 1, "::") || isSymbol(index - 1, ".") || isWord(index - 1, "COLLATE") || isSymbol(index + 1, "=>") {
            return index + 1
        }
        // `expr AS name`, `expr name` (an alias without AS), a window name (`WINDOW w AS (…)`, `OVER w`).
        if isWord(index - 1, "AS") || isWord(index - 1, "WINDOW") || isWord(index - 1, "OVER") || endsExpression(index - 1) {
            result.outputNames.insert(name.key)
            return index + 1
        }
        result.bare.append(name)
        return index + 1
    }

    /// `a.b`, `s.t.c`, `t.*`, `schema.function(…)`.
    private mutating func qualifiedChain(at start: Int) -> Int {
        var parts = [start]
        var cursor = start
        while isSymbol(cursor + 1, "."), let next = token(cursor + 2),
              next.kind == .word || next.kind == .quotedIdentifier || next.isSymbol("*") {
            cursor += 2
            parts.append(cursor)
            if next.isSymbol("*") { break }
        }
        let end = cursor + 1
        guard parts.count >= 2, !isSymbol(end, "(") else { return end }
        // `t.*` keeps `*` as its column: only the qualifier is checked.
        let qualifier = parts.dropLast().map { SQLName(tokens[$0]) }
        result.qualified.append(SQLReferences.QualifiedColumn(qualifier: qualifier, column: SQLName(tokens[cursor])))
        return end
    }

    /// Whether the token at `index` can end an expression, so that a word after it is an alias.
    private func endsExpression(_ index: Int) -> Bool {
        guard let token = token(index) else { return false }
        switch token.kind {
        case .number, .string, .quotedIdentifier, .parameter: return true
        case .symbol: return token.text == ")" || token.text == "]"
        case .word:
            let word = token.keyword.lowercased()
            return SQLKeywords.endExpression.contains(word) || !SQLKeywords.notColumns.contains(word)
        case .comment: return false
        }
    }
}
