/// Why an answer (or a part of it) cannot be used: a short Chinese sentence, fed back to the model in the retry.
struct AnswerProblem: Error, Sendable, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}

/// What checking one answer found: the usable value (nil when nothing is usable), the problems worth a retry, and
/// remarks that are only logged (an unknown column name dropped).
struct CheckedAnswer<Value> {
    var value: Value?
    var problems: [String] = []
    var notes: [String] = []

    static func unusable(_ problem: String, notes: [String] = []) -> CheckedAnswer {
        CheckedAnswer(value: nil, problems: [problem], notes: notes)
    }
}
