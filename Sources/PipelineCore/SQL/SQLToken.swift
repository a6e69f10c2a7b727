/// One lexical token of PostgreSQL text, as `SQLLexer` cuts it.
struct SQLToken: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        /// An unquoted identifier or keyword (`SELECT`, `updated_at`, `总营收`).
        case word
        /// A double-quoted identifier, `U&"…"` included; never a keyword.
        case quotedIdentifier
        /// A string constant of any form: `'…'`, `E'…'`, `$tag$…$tag$`, `B'…'`, `X'…'`, `N'…'`, `U&'…'`.
        case string
        case number
        /// A positional parameter, `$1`.
        case parameter
        /// An operator (`<=`, `||`, `->>`), or one punctuation mark (`(`, `)`, `,`, `;`, `.`, `::`).
        case symbol
        /// A `--` or `/* */` comment.
        case comment
    }

    let kind: Kind
    /// The token exactly as written, quotes and prefixes included.
    let text: String
    /// Offsets in the text's Unicode scalars: `start..<end`.
    let start: Int
    let end: Int

    /// The token upper-cased in ASCII only, as keywords are compared (PostgreSQL folds ASCII letters only).
    var keyword: String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            ("a"..."z").contains(scalar) ? Unicode.Scalar(scalar.value - 32)! : scalar
        }))
    }

    /// True for the symbol `text`.
    func isSymbol(_ text: String) -> Bool {
        kind == .symbol && self.text == text
    }

    /// True for an unquoted word spelling `keyword` in any case.
    func isWord(_ keyword: String) -> Bool {
        kind == .word && self.keyword == keyword
    }
}
