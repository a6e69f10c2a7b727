import Foundation

/// Synonym groups read back from the 语义说明 text of documentation items (`SemanticNotes` writes a measure as
/// `- 度量 pay_sum（支付总金额）：…，同义词 营收、收入`): the column, its label and its synonyms form one group. Lets
/// search expand a question with a database's own words when its items carry them.
public enum SemanticSynonymLines {
    public static func groups(in text: String) -> [[String]] {
        var groups: [[String]] = []
        for line in text.split(whereSeparator: \.isNewline) where line.hasPrefix("- 度量 ") {
            guard let marker = line.range(of: "同义词 ") else { continue }
            let tail = line[marker.upperBound...].prefix { $0 != "，" && $0 != "；" && $0 != ";" }
            var group = tail.split(separator: "、").map { $0.trimmingCharacters(in: .whitespaces) }
            let head = line.dropFirst("- 度量 ".count).prefix { $0 != "：" }
            if let open = head.firstIndex(of: "（"), let close = head.lastIndex(of: "）"), open < close {
                group.append(String(head[head.index(after: open)..<close]))
                group.append(String(head[..<open]))
            } else {
                group.append(String(head))
            }
            group = group.filter { !$0.isEmpty }
            if group.count > 1 { groups.append(group) }
        }
        return groups
    }
}
