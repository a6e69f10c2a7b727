/// An identifier's words translated through `ColumnGlossary`, longest phrase first.
struct GlossaryPhrase {
    struct Piece: Equatable {
        /// The Chinese text, or the word itself when the glossary does not know it.
        var text: String
        /// The identifier words this piece covers.
        var words: [String]
        var isKnown: Bool
    }

    var pieces: [Piece]

    init(words: [String]) {
        var pieces: [Piece] = []
        var index = 0
        while index < words.count {
            let piece = GlossaryPhrase.longestPiece(in: words, from: index)
            pieces.append(piece)
            index += piece.words.count
        }
        self.pieces = pieces
    }

    var text: String { pieces.map(\.text).joined() }
    var knowsAnyWord: Bool { pieces.contains(where: \.isKnown) }
    var knowsEveryWord: Bool { !pieces.isEmpty && pieces.allSatisfy(\.isKnown) }

    private static func longestPiece(in words: [String], from start: Int) -> Piece {
        let longest = min(ColumnGlossary.maxPhraseWords, words.count - start)
        for length in stride(from: longest, through: 1, by: -1) {
            let span = Array(words[start..<(start + length)])
            if let chinese = ColumnGlossary.chinese(for: span.joined(separator: "_")) {
                return Piece(text: chinese, words: span, isKnown: true)
            }
        }
        let word = words[start]
        // A plural of a known word (`orders`, `points`); `status` and the like are in the glossary themselves.
        if word.count > 3, word.hasSuffix("s"), let chinese = ColumnGlossary.chinese(for: String(word.dropLast())) {
            return Piece(text: chinese, words: [word], isKnown: true)
        }
        if word.contains(where: IdentifierWords.isCJK) {
            return Piece(text: word, words: [word], isKnown: true)
        }
        return Piece(text: word, words: [word], isKnown: false)
    }
}
