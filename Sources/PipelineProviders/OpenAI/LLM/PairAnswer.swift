import PipelineCore

/// Checks a `question_pairs` answer: every pair needs a non-empty question and a SQL that passes `GeneratedSQL`
/// against the tables the prompt showed. Valid pairs are kept even when others fail; the failures are problems, so
/// the one retry is asked to correct them, and the two answers' valid pairs are merged (`merge`).
struct PairAnswer {
    let theme: AnalysisTheme
    let tables: [TableDescription]
    let pairCount: Int

    func check(_ text: String) -> CheckedAnswer<[QuestionSQLPair]> {
        let value: JSONValue
        switch ModelAnswerText.json(text) {
        case .success(let parsed): value = parsed
        case .failure(let problem): return .unusable(problem.description)
        }
        guard let items = value.list(["pairs", "questions", "qa_pairs", "items", "data"], itemKey: "question") else {
            return .unusable("回答中没有 pairs 数组")
        }
        var result = CheckedAnswer<[QuestionSQLPair]>(value: nil)
        var pairs: [QuestionSQLPair] = []
        for (index, item) in items.enumerated() {
            switch pair(item) {
            case .success(let pair): pairs.append(pair)
            case .failure(let problem): result.problems.append("第\(index + 1)条：\(problem)")
            }
        }
        if items.isEmpty { result.problems.append("pairs 数组为空") }
        pairs = Self.merge(pairs, [], limit: pairCount)
        result.value = pairs.isEmpty ? nil : pairs
        return result
    }

    private func pair(_ item: JSONValue) -> Result<QuestionSQLPair, AnswerProblem> {
        guard item.objectValue != nil else { return .failure(AnswerProblem("不是JSON对象")) }
        guard let rawQuestion = item.field("question", "q", "问题")?.stringValue,
              case let question = CommentText.singleLine(rawQuestion), !question.isEmpty else {
            return .failure(AnswerProblem("缺少 question（非空字符串）"))
        }
        if RefusalText.isRefusal(question) { return .failure(AnswerProblem("问题是道歉或拒绝回答")) }
        guard let rawSQL = item.field("sql", "query", "SQL语句")?.stringValue else {
            return .failure(AnswerProblem("问题“\(question)”缺少 sql（字符串）"))
        }
        switch GeneratedSQL.check(rawSQL, tables: tables) {
        case .failure(let problem):
            return .failure(AnswerProblem("问题“\(CommentText.prefix(question, limit: 40))”的SQL不可用：\(problem)"))
        case .success(let sql):
            let named = SQLReferenceCheck.tablesNamed(in: sql, among: tables).map { PromptDocuments.name($0.reference) }
            return .success(QuestionSQLPair(question: question, sql: sql, theme: theme.name,
                                            tables: named.isEmpty ? nil : named, difficulty: difficulty(item)))
        }
    }

    private func difficulty(_ item: JSONValue) -> QuestionDifficulty? {
        guard let text = item.field("difficulty", "level", "难度")?.stringValue?.lowercased() else { return nil }
        if let known = QuestionDifficulty(rawValue: text) { return known }
        switch text {
        case "简单", "容易", "低": return .easy
        case "中等", "一般", "中": return .medium
        case "困难", "较难", "难", "复杂", "高": return .hard
        default: return nil
        }
    }

    /// `first` then `second` without repeating a question or a SQL (up to case and spacing), at most `limit`.
    static func merge(_ first: [QuestionSQLPair], _ second: [QuestionSQLPair], limit: Int) -> [QuestionSQLPair] {
        var questions = Set<String>()
        var statements = Set<String>()
        var merged: [QuestionSQLPair] = []
        for pair in first + second where merged.count < max(1, limit) {
            guard questions.insert(pair.question.lowercased()).inserted,
                  statements.insert(ReadOnlySQL.normalized(pair.sql)).inserted else { continue }
            merged.append(pair)
        }
        return merged
    }
}
