import Foundation
import PipelineCore

/// The rules every SQL a model proposes (a pair's SQL, a repair) passes before it is kept: exactly one read-only
/// query (`ReadOnlySQL`), only tables and columns of the given documents (`SQLReferenceCheck`), on one line, ending
/// with `;`. The text is brought onto one line rather than refused for its line breaks.
enum GeneratedSQL {
    /// The SQL as it will be written, or why it is refused (Chinese).
    static func check(_ sql: String, tables: [TableDescription]) -> Result<String, AnswerProblem> {
        var text = sql.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("```") { text = ModelAnswerText.unfenced(text) }
        guard !text.isEmpty else { return .failure(AnswerProblem("SQL为空")) }
        let statement = ReadOnlySQL.statementText(text)
        let line = CommentText.singleLine(statement)
        // A `--` comment or a string spanning lines would change meaning once the text is on one line.
        guard ReadOnlySQL.normalized(line) == ReadOnlySQL.normalized(statement) else {
            return .failure(AnswerProblem("SQL含有行注释或跨行的字符串，无法写成一行"))
        }
        let candidate = line + ";"
        if let violation = ReadOnlySQL.violation(in: candidate) {
            return .failure(AnswerProblem(violation))
        }
        if !tables.isEmpty {
            let problems = SQLReferenceCheck.problems(in: candidate, tables: tables)
            if !problems.isEmpty { return .failure(AnswerProblem(problems.joined(separator: "；"))) }
        }
        return .success(candidate)
    }
}
