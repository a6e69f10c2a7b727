import Foundation

/// One hashed feature of a text: its key (kind prefix + token) and how much one occurrence weighs.
struct HashingFeature: Equatable {
    let key: String
    let weight: Float
}

/// The features `HashingEmbedder` hashes, part of the `builtin-hashing-v1` recipe.
///
/// The text is NFKC-normalised first (full-width `ＳＱＬ１２` becomes `SQL12`, `，` becomes `,`), then cut into runs:
/// * CJK runs (Han, kana, Hangul) give character unigrams, bigrams and trigrams. Chinese has no spaces and a
///   paraphrase keeps the content words (`服务区`, `营收`) while changing the function words around them, so the
///   shared bigrams carry the similarity; unigrams weigh less because single characters are ambiguous.
/// * Runs of letters, digits and `_` are identifiers: split into lower-cased words on `_`, camelCase humps and
///   letter/digit changes (`IdentifierWords`), plus the whole identifier with its separators removed, so
///   `pay_sum`, `paySum` and `PAY_SUM` all give `pay`, `sum` and `paysum`. Lone letters (table aliases such as `t`)
///   are dropped; digit runs are kept.
/// * Anything else (punctuation, spaces, symbols) separates runs and gives no feature.
enum HashingFeatures {
    static let unigramWeight: Float = 0.5
    static let bigramWeight: Float = 1
    static let trigramWeight: Float = 0.75
    static let wordWeight: Float = 1

    static func features(of text: String) -> [HashingFeature] {
        let normalized = text.precomposedStringWithCompatibilityMapping
        var features: [HashingFeature] = []
        var cjkRun: [Unicode.Scalar] = []
        var wordRun = String.UnicodeScalarView()

        func flushCJK() {
            appendCJKFeatures(of: cjkRun, to: &features)
            cjkRun.removeAll(keepingCapacity: true)
        }
        func flushWord() {
            appendWordFeatures(of: String(wordRun), to: &features)
            wordRun.removeAll()
        }

        for scalar in normalized.unicodeScalars {
            if isCJK(scalar) {
                flushWord()
                cjkRun.append(scalar)
            } else if isWordScalar(scalar) {
                flushCJK()
                wordRun.append(scalar)
            } else {
                flushCJK()
                flushWord()
            }
        }
        flushCJK()
        flushWord()
        return features
    }

    private static func appendCJKFeatures(of run: [Unicode.Scalar], to features: inout [HashingFeature]) {
        guard !run.isEmpty else { return }
        let characters = run.map { String(Character($0)) }
        for index in characters.indices {
            features.append(HashingFeature(key: "u:" + characters[index], weight: unigramWeight))
            if index + 1 < characters.count {
                features.append(HashingFeature(key: "b:" + characters[index] + characters[index + 1], weight: bigramWeight))
            }
            if index + 2 < characters.count {
                let trigram = characters[index] + characters[index + 1] + characters[index + 2]
                features.append(HashingFeature(key: "t:" + trigram, weight: trigramWeight))
            }
        }
    }

    private static func appendWordFeatures(of run: String, to features: inout [HashingFeature]) {
        guard !run.isEmpty else { return }
        let words = IdentifierWords.split(run)
        for word in words where word.count > 1 || word.allSatisfy(\.isNumber) {
            features.append(HashingFeature(key: "w:" + word, weight: wordWeight))
        }
        if words.count > 1 {
            features.append(HashingFeature(key: "w:" + words.joined(), weight: wordWeight))
        }
    }

    /// Han (with extensions and compatibility ideographs), kana and Hangul syllables.
    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xAC00...0xD7A3, 0x20000...0x2FA1F:
            return true
        default:
            return false
        }
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
