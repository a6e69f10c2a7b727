/// Finds Latin words inside Chinese text: QUALITY.md's measure of a comment is "no lower-case Latin word of three
/// or more letters" (upper-case acronyms such as ID, SKU or JSON are fine).
enum LatinWords {
    /// The runs of ASCII letters in the text.
    static func words(in text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in text {
            if character.isASCII, character.isLetter {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// Whether the text holds a Latin word of at least `minimumLength` letters with a lower-case letter in it.
    static func containsLowercaseWord(_ text: String, minimumLength: Int = 3) -> Bool {
        words(in: text).contains { $0.count >= minimumLength && $0.contains(where: \.isLowercase) }
    }
}
