import PipelineCore

/// A short Chinese comment for a column from its name, type category and foreign key (`BuiltinLLM`).
///
/// Only Chinese (and upper-case acronyms such as ID, SKU): words the glossary does not know are left out, and a
/// column of which no word is known is described from its role and type (`ColumnCommentFallback`).
enum ColumnCommentWriter {
    /// Longest comment written, in characters.
    static let maxLength = 30

    private static let booleanPrefixes: Set<String> = ["is", "has", "if", "can", "allow", "need", "needs", "should",
                                                       "was", "did", "does", "whether"]
    /// A last word that makes the column a yes/no marker (`del_flag` 是否删除).
    private static let yesNoMarkers: Set<String> = ["flag", "flg", "yn", "ind"]

    static func comment(for column: ColumnDescription, in table: TableDescription,
                        businessContext: String = "") -> String {
        let context = GlossaryContext(tableName: table.reference.name, businessContext: businessContext)
        var words = CompoundWords.words(of: column.name)
        var asksYesNo = column.category == .boolean
        if words.count > 1, let first = words.first, booleanPrefixes.contains(first) {
            words.removeFirst()
            asksYesNo = true
        }
        // `is_in_training_data`: whether the row is in something, 是否在训练数据中.
        var asksMembership = false
        if asksYesNo, words.count > 1, words.first == "in", !ColumnGlossary.knows(words.prefix(2).joined(separator: "_")) {
            words.removeFirst()
            asksMembership = true
        }
        if words.count > 1, let last = words.last, yesNoMarkers.contains(last),
           [.boolean, .integer, .text].contains(column.category) {
            words.removeLast()
            asksYesNo = !["status", "state", "type", "kind"].contains(words.last)
            if !asksYesNo { words.append(last) }
        }
        var endsWithID = false
        if words.count > 1, words.last == "id", !ColumnGlossary.knows(words.suffix(2).joined(separator: "_")) {
            words.removeLast()
            endsWithID = true
        }

        var text: String
        var single: String?
        if let unit = UnitWords.trailingUnit(in: words) ?? UnitWords.minutes(after: words, context: context) {
            text = UnitPhrase.text(prefix: Array(words.dropLast(unit.wordCount)), unit: unit, context: context)
        } else {
            let phrase = GlossaryPhrase(words: words, context: context)
            text = phrase.text
            // `wx_order` as a count: 微信订单数.
            if text.hasSuffix("订单"), phrase.pieces.count > 1, column.category == .integer { text += "数" }
            if phrase.pieces.count == 1 { single = phrase.pieces[0].words.first }
        }

        let foreignKey = table.foreignKeys.first { $0.columns.contains(column.name) }
        if endsWithID {
            let target = foreignKey.flatMap { TableCommentWriter.subject(of: $0.target.name, context: context) }
            let subject = target ?? (text.isEmpty ? "记录" : text)
            text = (foreignKey == nil && !text.isEmpty ? "" : "关联") + subject + "ID"
        } else if !text.isEmpty, foreignKey != nil || column.isForeignKey, !text.hasPrefix("关联") {
            text = "关联" + text
        }
        if let word = single, ColumnGlossary.paymentChannels.contains(word), [.decimal, .integer].contains(column.category) {
            text += "金额"
        }
        if text.isEmpty || text.allSatisfy(\.isNumber) {
            text = ColumnCommentFallback.text(for: column, in: table, asksYesNo: asksYesNo, context: context) + text
        } else {
            text = asksMembership ? "是否在\(text)中" : adjusted(text, for: column.category, asksYesNo: asksYesNo)
        }
        return CommentText.prefix(text, limit: maxLength)
    }

    /// `是否…` for yes/no columns, `…时间` / `…日期` for temporal ones (unless the words already say so).
    static func adjusted(_ text: String, for category: ColumnCategory, asksYesNo: Bool) -> String {
        if asksYesNo {
            var subject = text
            for marker in ["标志", "标识", "标记"] where subject.hasSuffix(marker) {
                subject = String(subject.dropLast(marker.count))
            }
            if subject.isEmpty || subject == "是否" { return "是否标记" }
            return subject.hasPrefix("是否") ? subject : "是否" + subject
        }
        switch category {
        case .timestamp, .time:
            let temporal = ["时间", "日期", "时间戳", "时刻", "时长", "时区"]
            return temporal.contains(where: text.hasSuffix) ? text : text + "时间"
        case .date:
            let temporal = ["日期", "时间", "日", "月", "年", "生日"]
            return temporal.contains(where: text.hasSuffix) ? text : text + "日期"
        default:
            return text
        }
    }
}
