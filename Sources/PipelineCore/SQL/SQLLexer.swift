/// Cuts PostgreSQL text into tokens the way the server's scanner does where it matters for safety: what is inside
/// a string, a quoted identifier or a comment, and what is not.
///
/// Follows `scan.l` with `standard_conforming_strings = on` (the validator sets it for its transactions, so a
/// backslash ends nothing in a plain `'…'` string): `--` comments to the end of the line, nested `/* */` comments,
/// `''` inside strings, backslash escapes only in `E'…'`, dollar quotes `$tag$…$tag$`, `""` inside quoted
/// identifiers, and identifier characters that include every non-ASCII scalar (as PostgreSQL treats bytes ≥ 0x80).
struct SQLLexer {
    /// Text that ends inside a construct; the server would reject it too.
    enum Failure: Error, Equatable {
        case unterminatedString
        case unterminatedQuotedIdentifier
        case unterminatedDollarQuote
        case unterminatedComment
    }

    private let scalars: [Unicode.Scalar]
    private var index = 0

    private init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    /// Every token of `text`, comments included, in order.
    static func tokens(_ text: String) throws(Failure) -> [SQLToken] {
        var lexer = SQLLexer(text)
        var tokens: [SQLToken] = []
        while let token = try lexer.next() {
            tokens.append(token)
        }
        return tokens
    }

    /// The text of `start..<end` in scalar offsets.
    static func text(_ text: String, from start: Int, to end: Int) -> String {
        let scalars = Array(text.unicodeScalars)[start..<end]
        return String(String.UnicodeScalarView(scalars))
    }

    private mutating func next() throws(Failure) -> SQLToken? {
        while index < scalars.count, Self.isSpace(scalars[index]) { index += 1 }
        guard index < scalars.count else { return nil }
        let start = index
        let scalar = scalars[index]
        let kind: SQLToken.Kind
        switch scalar {
        case "-" where peek(1) == "-":
            while index < scalars.count, scalars[index] != "\n", scalars[index] != "\r" { index += 1 }
            kind = .comment
        case "/" where peek(1) == "*":
            try skipBlockComment()
            kind = .comment
        case "'":
            try skipQuoted(quote: "'", backslashEscapes: false, failure: .unterminatedString)
            kind = .string
        case "\"":
            try skipQuoted(quote: "\"", backslashEscapes: false, failure: .unterminatedQuotedIdentifier)
            kind = .quotedIdentifier
        case "$":
            kind = try dollar()
        case _ where Self.isIdentifierStart(scalar):
            kind = try word()
        case _ where Self.isDigit(scalar), "." where peek(1).map(Self.isDigit) ?? false:
            number()
            kind = .number
        default:
            symbol()
            kind = .symbol
        }
        return SQLToken(kind: kind, text: Self.text(scalars[start..<index]), start: start, end: index)
    }

    // MARK: - Constructs

    private mutating func skipBlockComment() throws(Failure) {
        index += 2
        var depth = 1
        while index < scalars.count {
            if scalars[index] == "*", peek(1) == "/" {
                depth -= 1
                index += 2
                if depth == 0 { return }
            } else if scalars[index] == "/", peek(1) == "*" {
                depth += 1
                index += 2
            } else {
                index += 1
            }
        }
        throw .unterminatedComment
    }

    /// Skips from the opening quote at `index` past the closing one; a doubled quote stands for itself.
    private mutating func skipQuoted(quote: Unicode.Scalar, backslashEscapes: Bool, failure: Failure) throws(Failure) {
        index += 1
        while index < scalars.count {
            let scalar = scalars[index]
            if backslashEscapes, scalar == "\\" {
                index += 2
            } else if scalar == quote {
                index += 1
                guard index < scalars.count, scalars[index] == quote else { return }
                index += 1
            } else {
                index += 1
            }
        }
        throw failure
    }

    /// `$1`, a dollar-quoted string, or a lone `$` (which the server rejects).
    private mutating func dollar() throws(Failure) -> SQLToken.Kind {
        if let digit = peek(1), Self.isDigit(digit) {
            index += 1
            while index < scalars.count, Self.isDigit(scalars[index]) { index += 1 }
            return .parameter
        }
        var tagEnd = index + 1
        if tagEnd < scalars.count, Self.isIdentifierStart(scalars[tagEnd]) {
            tagEnd += 1
            while tagEnd < scalars.count, Self.isIdentifierPart(scalars[tagEnd]), scalars[tagEnd] != "$" { tagEnd += 1 }
        }
        guard tagEnd < scalars.count, scalars[tagEnd] == "$" else {
            index += 1
            return .symbol
        }
        let delimiter = Array(scalars[index...tagEnd])
        index = tagEnd + 1
        while index + delimiter.count <= scalars.count {
            if scalars[index..<(index + delimiter.count)].elementsEqual(delimiter) {
                index += delimiter.count
                return .string
            }
            index += 1
        }
        throw .unterminatedDollarQuote
    }

    /// An identifier or keyword; or the prefix of `E'…'`, `B'…'`, `X'…'`, `N'…'`, `U&'…'`, `U&"…"`.
    private mutating func word() throws(Failure) -> SQLToken.Kind {
        let start = index
        index += 1
        while index < scalars.count, Self.isIdentifierPart(scalars[index]) { index += 1 }
        guard index - start == 1 else { return .word }
        let prefix = scalars[start].properties.uppercaseMapping
        if scalars.indices.contains(index), scalars[index] == "'" {
            switch prefix {
            case "E":
                try skipQuoted(quote: "'", backslashEscapes: true, failure: .unterminatedString)
                return .string
            case "B", "X", "N":
                try skipQuoted(quote: "'", backslashEscapes: false, failure: .unterminatedString)
                return .string
            default:
                return .word
            }
        }
        if prefix == "U", peek(0) == "&", let quote = peek(1), quote == "'" || quote == "\"" {
            index += 1
            if quote == "'" {
                try skipQuoted(quote: "'", backslashEscapes: false, failure: .unterminatedString)
                return .string
            }
            try skipQuoted(quote: "\"", backslashEscapes: false, failure: .unterminatedQuotedIdentifier)
            return .quotedIdentifier
        }
        return .word
    }

    /// Digits with an optional fraction and exponent, `_` separators, or a `0x`/`0o`/`0b` literal. Letters right
    /// after a number are not swallowed: they become the next token, as on servers before 15.x's "trailing junk".
    private mutating func number() {
        if scalars[index] == "0", let base = peek(1), "xXoObB".unicodeScalars.contains(base) {
            index += 2
            while index < scalars.count, Self.isHexDigit(scalars[index]) || scalars[index] == "_" { index += 1 }
            return
        }
        skipDigits()
        if index < scalars.count, scalars[index] == ".", peek(1) != "." {
            index += 1
            skipDigits()
        }
        if index < scalars.count, scalars[index] == "e" || scalars[index] == "E" {
            var exponent = index + 1
            if exponent < scalars.count, scalars[exponent] == "+" || scalars[exponent] == "-" { exponent += 1 }
            if exponent < scalars.count, Self.isDigit(scalars[exponent]) {
                index = exponent
                skipDigits()
            }
        }
    }

    private mutating func skipDigits() {
        while index < scalars.count, Self.isDigit(scalars[index]) || scalars[index] == "_" { index += 1 }
    }

    /// A run of operator characters (never across the start of a comment), `::`, or one other character.
    private mutating func symbol() {
        let operatorCharacters = "+-*/<>=~!@#%^&|`?".unicodeScalars
        guard operatorCharacters.contains(scalars[index]) else {
            index += scalars[index] == ":" && peek(1) == ":" ? 2 : 1
            return
        }
        index += 1
        while index < scalars.count, operatorCharacters.contains(scalars[index]) {
            let startsComment = (scalars[index] == "-" && peek(1) == "-") || (scalars[index] == "/" && peek(1) == "*")
            if startsComment { break }
            index += 1
        }
    }

    // MARK: - Characters

    private func peek(_ offset: Int) -> Unicode.Scalar? {
        scalars.indices.contains(index + offset) ? scalars[index + offset] : nil
    }

    private static func text(_ slice: ArraySlice<Unicode.Scalar>) -> String {
        String(String.UnicodeScalarView(slice))
    }

    /// The server's whitespace: space, tab, newline, carriage return, form feed (and vertical tab since 16).
    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        [" ", "\t", "\n", "\r", "\u{0C}", "\u{0B}"].contains(scalar)
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
    }

    private static func isHexDigit(_ scalar: Unicode.Scalar) -> Bool {
        isDigit(scalar) || ("a"..."f").contains(scalar) || ("A"..."F").contains(scalar)
    }

    private static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_" || scalar.value >= 0x80
    }

    private static func isIdentifierPart(_ scalar: Unicode.Scalar) -> Bool {
        isIdentifierStart(scalar) || isDigit(scalar) || scalar == "$"
    }
}
