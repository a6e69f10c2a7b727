/// The words of a database identifier: split on `_`, `-`, spaces and dots, on camelCase humps (`MemberPoints`,
/// `HTTPServer`) and between letters and digits (`addr2`); lower-cased. CJK text stays one word.
enum IdentifierWords {
    static func split(_ identifier: String) -> [String] {
        var words: [String] = []
        var current: [Character] = []

        func flush() {
            if !current.isEmpty { words.append(String(current).lowercased()) }
            current.removeAll()
        }

        let characters = Array(identifier)
        for (index, character) in characters.enumerated() {
            guard character.isLetter || character.isNumber else {
                flush()
                continue
            }
            if let previous = current.last {
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                let lowerToUpper = previous.isLowercase && character.isUppercase
                // The last capital of an acronym starts the next word: HTTPServer → HTTP, Server.
                let acronymEnd = previous.isUppercase && character.isUppercase && (next?.isLowercase ?? false)
                let letterDigit = previous.isNumber != character.isNumber
                let scriptChange = isCJK(previous) != isCJK(character)
                if lowerToUpper || acronymEnd || letterDigit || scriptChange { flush() }
            }
            current.append(character)
        }
        flush()
        return words
    }

    static func isCJK(_ character: Character) -> Bool {
        character.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xAC00...0xD7A3,
                 0x20000...0x2FA1F:
                return true
            default:
                return false
            }
        }
    }
}
