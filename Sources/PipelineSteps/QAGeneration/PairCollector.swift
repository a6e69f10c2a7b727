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

    mutating func add(_ generated: [QuestionSQLPair], keep: Int = .max) {
        var kept = 0
        for var pair in generated {
            pair.question = CommentText.singleLine(pair.question)
            pair.sql = CommentText.singleLine(pair.sql)
            guard !pair.question.isEmpty, !pair.sql.isEmpty else { continue }
            if !pair.sql.hasSuffix(";") { pair.sql += ";" }
            let question = pair.question.lowercased()
            let statement = ReadOnlySQL.shape(pair.sql) ?? ReadOnlySQL.normalized(pair.sql)
            guard !questions.contains(question), !statements.contains(statement) else {
                if kept < keep { duplicates += 1 }
                continue
            }
            questions.insert(question)
            statements.insert(statement)
            if kept < keep {
                pairs.append(pair)
                kept += 1
            } else {
                candidates.append(pair)
            }
        }
    }
}
