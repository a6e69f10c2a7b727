/// A conservative token count for budgeting prompts without the model's tokenizer: every non-ASCII scalar (CJK
/// text) counts as one token, ASCII text as one token per three characters (tokenizers average about four for
/// English, fewer for SQL and identifiers), and each message adds a few tokens of framing.
enum TokenEstimate {
    static let perMessage = 4

    static func tokens(_ text: String) -> Int {
        var ascii = 0
        var other = 0
        for scalar in text.unicodeScalars {
            if scalar.isASCII { ascii += 1 } else { other += 1 }
        }
        return other + (ascii + 2) / 3
    }

    static func tokens(_ messages: [ChatMessage]) -> Int {
        messages.reduce(0) { $0 + perMessage + tokens($1.content) }
    }
}
