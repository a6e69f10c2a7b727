import Foundation
import PipelineCore

/// A Chinese comment of a `.ddl` file (the text after `--`, its label such as `中文名:` removed), for QUALITY.md's
/// "comments" measure: a Chinese comment must not hold a lower-case Latin word of ≥ 3 letters.
struct DDLComment {
    var file: String
    var text: String
    var latinWords: [String]

    private static let labels = ["中文名", "描述", "类型"]

    /// Every Chinese comment of the task's `.ddl` files, files in name order.
    static func all(in directory: TaskDirectory) -> [DDLComment] {
        var found: [DDLComment] = []
        for name in directory.listFiles().map(\.name).filter({ $0.hasSuffix(".ddl") }).sorted() {
            guard let file = SafeFileName(name), let data = try? Data(contentsOf: directory.fileURL(file)) else { continue }
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
                guard let raw = comment(of: Substring(line)) else { continue }
                let text = withoutLabel(raw).trimmingCharacters(in: .whitespacesAndNewlines)
                guard text.unicodeScalars.contains(where: isCJK) else { continue }
                found.append(DDLComment(file: name, text: text, latinWords: PairQualityFacts.latinWords(text)))
            }
        }
        return found
    }

    /// The text after the first `--` outside a string literal.
    static func comment(of line: Substring) -> String? {
        var quoted = false
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if character == "'" {
                quoted.toggle()
            } else if !quoted, character == "-", line[index...].hasPrefix("--") {
                return String(line[line.index(index, offsetBy: 2)...])
            }
            index = line.index(after: index)
        }
        return nil
    }

    static func withoutLabel(_ text: String) -> String {
        let trimmed = text.drop { $0 == " " || $0 == "\t" }
        for label in labels where trimmed.hasPrefix(label) {
            let rest = trimmed.dropFirst(label.count).drop { $0 == " " || $0 == "\t" }
            if let first = rest.first, first == ":" || first == "：" {
                return String(rest.dropFirst().drop { $0 == " " || $0 == "\t" })
            }
        }
        return text
    }

    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        (0x3400...0x9FFF).contains(scalar.value) || (0xF900...0xFAFF).contains(scalar.value)
    }
}
