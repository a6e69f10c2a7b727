/// An identifier's words translated through `ColumnGlossary`, longest phrase first, and put in Chinese order.
///
/// A word the glossary does not know is left out (never pasted into the Chinese), so `xyz_amount` reads 金额; the
/// caller describes the column from its type when nothing is known. English order is turned into Chinese where the
/// difference is regular: trailing qualifiers move in front (`stock_qty_avail` 可用库存数量), `a_of_b` reads `b的a`
/// without the 的 (`num_of_items` 项目数量), `a_per_b` reads 每b a, `x_by` names a person (`approved_by` 审批人).
struct GlossaryPhrase {
    struct Piece: Equatable {
        /// The Chinese text (digits and CJK words as written); empty when the glossary does not know the words.
        var text: String
        /// The identifier words this piece covers.
        var words: [String]
        var isKnown: Bool
        /// The form in front of a noun, for a qualifier (`max` 最大).
        var leadingForm: String?
        var movesForward = false
        /// Joining words (`of`, `per`, `by`) that change the order but carry no text.
        var connector: String?
    }

    var pieces: [Piece]

    init(words: [String], context: GlossaryContext = .none) {
        var pieces: [Piece] = []
        var index = 0
        while index < words.count {
            let piece = Self.longestPiece(in: words, from: index, context: context)
            pieces.append(piece)
            index += piece.words.count
        }
        self.pieces = pieces
    }

    /// The known words in Chinese order; empty when none is known.
    var text: String { Self.arranged(pieces.filter { $0.isKnown || $0.connector != nil }) }
    var knowsAnyWord: Bool { pieces.contains { $0.isKnown && !$0.text.allSatisfy(\.isNumber) } }
    var knowsEveryWord: Bool { !pieces.isEmpty && pieces.allSatisfy { $0.isKnown || $0.connector != nil } }

    /// Words that only join others; dropped, some after changing the order.
    private static let connectors: Set<String> = ["of", "per", "by", "the", "a", "an", "and", "or", "for", "to",
                                                  "from", "in", "on", "at", "with", "as"]

    private static func arranged(_ all: [Piece]) -> String {
        var pieces = all
        // `a_of_b` → b a; `a_per_b` → 每 b a.
        if let of = pieces.firstIndex(where: { $0.connector == "of" }), of > 0, of < pieces.count - 1 {
            pieces = Array(pieces[(of + 1)...]) + Array(pieces[..<of])
        }
        var perPrefix = ""
        if let per = pieces.firstIndex(where: { $0.connector == "per" }), per > 0, per < pieces.count - 1 {
            let unit = Array(pieces[(per + 1)...]).filter { $0.connector == nil }
            perPrefix = "每" + render(unit)
            pieces = Array(pieces[..<per])
        }
        let endsWithBy = pieces.last?.connector == "by"
        pieces.removeAll { $0.connector != nil }
        // Trailing qualifiers go in front of what they qualify.
        var moved: [Piece] = []
        while pieces.count > 1, let last = pieces.last, last.leadingForm != nil, last.movesForward {
            moved.insert(pieces.removeLast(), at: 0)
        }
        pieces = moved + pieces
        var text = perPrefix + render(pieces)
        if endsWithBy, !text.isEmpty, !text.hasSuffix("人") { text += "人" }
        return text
    }

    private static func render(_ pieces: [Piece]) -> String {
        var parts: [String] = []
        for (index, piece) in pieces.enumerated() {
            let isLeading = pieces.count > 1 && index < pieces.count - 1
            var text = isLeading ? (piece.leadingForm ?? piece.text) : piece.text
            if index > 0 { text = WordChoice.inContext(text, word: piece.words.last, after: pieces[index - 1]) }
            // The same word twice in a row says nothing more (`date_dt`, `ip_addr` IP地址).
            if let last = parts.last, last.hasSuffix(text) { continue }
            parts.append(text)
        }
        return parts.joined()
    }

    private static func longestPiece(in words: [String], from start: Int, context: GlossaryContext) -> Piece {
        let longest = min(ColumnGlossary.maxPhraseWords, words.count - start)
        for length in stride(from: longest, through: 1, by: -1) {
            let span = Array(words[start..<(start + length)])
            // As written first (`term_months`), then with plurals and inflections undone (`order_items`).
            let written = span.joined(separator: "_"), plain = span.map(normalized).joined(separator: "_")
            for key in written == plain ? [written] : [written, plain] {
                if let sense = context.sense(of: key) {
                    return Piece(text: sense, words: span, isKnown: true)
                }
                let modifier = ModifierWords.forms(key)
                if let chinese = ColumnGlossary.chinese(for: key) ?? modifier?.alone {
                    return Piece(text: chinese, words: span, isKnown: true, leadingForm: modifier?.leading,
                                 movesForward: modifier?.movesForward ?? false)
                }
            }
        }
        let word = words[start]
        if connectors.contains(word) {
            return Piece(text: "", words: [word], isKnown: false, connector: word)
        }
        if word.allSatisfy(\.isNumber) || word.contains(where: IdentifierWords.isCJK) {
            return Piece(text: word, words: [word], isKnown: true)
        }
        return Piece(text: "", words: [word], isKnown: false)
    }

    /// A plural or inflected form of a known word (`categories`, `boxes`, `approved`) as that word; anything else
    /// unchanged. `status` and the like are glossary words themselves, so they are never cut.
    static func normalized(_ word: String) -> String {
        func known(_ candidate: String) -> Bool {
            ColumnGlossary.knows(candidate) || ModifierWords.forms(candidate) != nil
        }
        guard word.count > 3, !known(word) else { return word }
        var candidates: [String] = []
        if word.hasSuffix("ies") { candidates.append(String(word.dropLast(3)) + "y") }
        if word.hasSuffix("es") { candidates.append(String(word.dropLast(2))) }
        if word.hasSuffix("s") { candidates.append(String(word.dropLast())) }
        if word.hasSuffix("ed") { candidates += [String(word.dropLast(2)), String(word.dropLast())] }
        if word.hasSuffix("ing") { candidates += [String(word.dropLast(3)), String(word.dropLast(3)) + "e"] }
        return candidates.first(where: known) ?? word
    }
}
