import PipelineCore

/// Gathers generated pairs, cleaned (one line each, SQL ending with `;`) and without duplicates: the same question,
/// or the same query shape (`ReadOnlySQL.shape`, PostgreSQL's fingerprint: the same statement up to constants,
/// output aliases, case, whitespace and comments — "revenue in March" and "revenue in April" teach one thing).
/// SQL that does not parse is compared by its text (step 3 reports it).
///
/// A theme's answer is taken in order: the first `keep` distinct pairs are the theme's pairs, the rest are its
/// replacement candidates (distinct from every pair and every other candidate).
struct PairCollector {
    private(set) var pairs: [QuestionSQLPair] = []
    private(set) var candidates: [QuestionSQLPair] = []
    private(set) var duplicates = 0
    private var questions = Set<String>()
    private var statements = Set<String>()
    /// How many kept pairs have each structure (`SQLStructure`).
    private var structures: [String: Int] = [:]
    /// `table.column` names the kept pairs refer to.
    private var covered = Set<String>()

    /// Whether a kept pair asks the same question or the same query shape as `pair`.
    func contains(_ pair: QuestionSQLPair) -> Bool {
        let sql = CommentText.singleLine(pair.sql)
        return questions.contains(CommentText.singleLine(pair.question).lowercased())
            || statements.contains(ReadOnlySQL.shape(sql.hasSuffix(";") ? sql : sql + ";") ?? ReadOnlySQL.normalized(sql))
    }

    mutating func add(_ generated: [QuestionSQLPair], keep: Int = .max) {
        var fresh: [(pair: QuestionSQLPair, structure: String, columns: Set<String>)] = []
        for var pair in generated {
            pair.question = CommentText.singleLine(pair.question)
            pair.sql = CommentText.singleLine(pair.sql)
            guard !pair.question.isEmpty, !pair.sql.isEmpty else { continue }
            if !pair.sql.hasSuffix(";") { pair.sql += ";" }
            let question = pair.question.lowercased()
            let statement = ReadOnlySQL.shape(pair.sql) ?? ReadOnlySQL.normalized(pair.sql)
            guard !questions.contains(question), !statements.contains(statement) else {
                if fresh.count < keep { duplicates += 1 }
                continue
            }
            questions.insert(question)
            statements.insert(statement)
            fresh.append((pair, SQLStructure.of(pair.sql) ?? statement, Self.columns(of: pair.sql)))
        }
        // Variety first (QUALITY.md's shape variety and coverage): a theme's pairs are its best drafts whose
        // structure no pair has yet or that ask about a column no pair does, then ones whose structure is there
        // once, then any; they keep the theme's order.
        var chosen = Set<Int>()
        for pass in 0..<3 where chosen.count < keep {
            var seenNow = structures
            for (index, item) in fresh.enumerated() where !chosen.contains(index) && chosen.count < keep {
                let uses = seenNow[item.structure, default: 0]
                let allowed = pass == 0 ? uses == 0 || !item.columns.isSubset(of: covered) : pass == 1 ? uses <= 1 : true
                guard allowed else { continue }
                chosen.insert(index)
                seenNow[item.structure, default: 0] += 1
                covered.formUnion(item.columns)
            }
            structures = seenNow
        }
        for (index, item) in fresh.enumerated() {
            if chosen.contains(index) { pairs.append(item.pair) } else { candidates.append(item.pair) }
        }
    }

    /// `table.column` for the columns a query names, each qualified by the table its alias (or the only table) stands
    /// for; unresolved names count by themselves.
    static func columns(of sql: String) -> Set<String> {
        guard let references = ReadOnlySQL.references(in: sql) else { return [] }
        var tables: [String: String] = [:]
        for relation in references.relations {
            tables[relation.name] = relation.name
            if let alias = relation.alias { tables[alias] = relation.name }
        }
        let only = references.relations.count == 1 ? references.relations[0].name : nil
        var names = Set<String>()
        for reference in references.qualified {
            let table = reference.qualifier.last.flatMap { tables[$0] } ?? reference.qualifier.last ?? ""
            names.insert("\(table).\(reference.column)")
        }
        for word in references.bare where !references.outputNames.contains(word) {
            names.insert("\(only ?? "").\(word)")
        }
        return names
    }
}
