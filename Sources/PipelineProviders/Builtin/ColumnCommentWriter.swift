import PipelineCore

/// A short Chinese comment for a column from its name, type category and foreign key (`BuiltinLLM`).
enum ColumnCommentWriter {
    /// Longest comment written, in characters.
    static let maxLength = 30

    private static let booleanPrefixes: Set<String> = ["is", "has", "if", "can", "allow"]

    static func comment(for column: ColumnDescription, in table: TableDescription) -> String {
        var words = IdentifierWords.split(column.name)
        var asksYesNo = column.category == .boolean
        if words.count > 1, let first = words.first, booleanPrefixes.contains(first) {
            words.removeFirst()
            asksYesNo = true
        }
        var endsWithID = false
        if words.count > 1, words.last == "id" {
            words.removeLast()
            endsWithID = true
        }

        let phrase = GlossaryPhrase(words: words)
        guard phrase.knowsAnyWord || endsWithID || asksYesNo else { return fallback(for: column) }

        var text = phrase.pieces.enumerated().map { index, piece in
            // `wx_order` as a count: 微信订单数.
            let isLast = index == phrase.pieces.count - 1
            if isLast, index > 0, piece.text == "订单", column.category == .integer { return "订单数" }
            return piece.text
        }.joined()

        let foreignKey = table.foreignKeys.first { $0.columns.contains(column.name) }
        if endsWithID {
            let subject = foreignKey.flatMap { TableCommentWriter.subject(of: $0.target.name) } ?? text
            text = (foreignKey == nil ? "" : "关联") + subject + "ID"
        } else if foreignKey != nil || column.isForeignKey, !text.hasPrefix("关联") {
            text = "关联" + text
        }

        if phrase.pieces.count == 1, let word = phrase.pieces[0].words.first,
           ColumnGlossary.paymentChannels.contains(word), [.decimal, .integer].contains(column.category) {
            text += "金额"
        }
        text = adjusted(text, for: column.category, asksYesNo: asksYesNo)
        return CommentText.prefix(text, limit: maxLength)
    }

    /// `是否…` for yes/no columns, `…时间` / `…日期` for temporal ones (unless the words already say so).
    static func adjusted(_ text: String, for category: ColumnCategory, asksYesNo: Bool) -> String {
        if asksYesNo {
            var subject = text
            for marker in ["标志", "标识", "标记"] where subject.hasSuffix(marker) && subject.count > marker.count {
                subject = String(subject.dropLast(marker.count))
            }
            return subject.hasPrefix("是否") ? subject : "是否" + subject
        }
        switch category {
        case .timestamp, .time:
            let temporal = ["时间", "日期", "时间戳", "时刻", "时长"]
            return temporal.contains(where: text.hasSuffix) ? text : text + "时间"
        case .date:
            let temporal = ["日期", "时间", "日", "月", "年"]
            return temporal.contains(where: text.hasSuffix) ? text : text + "日期"
        default:
            return text
        }
    }

    /// The name itself with what kind of value it holds: `xyz (字段)`.
    static func fallback(for column: ColumnDescription) -> String {
        let hint: String
        switch column.category {
        case .timestamp, .time: hint = "时间"
        case .date: hint = "日期"
        case .boolean: hint = "标志"
        case .integer, .decimal: hint = "数值"
        case .json: hint = "JSON数据"
        case .uuid: hint = "UUID"
        case .binary: hint = "二进制数据"
        case .array: hint = "数组"
        case .network: hint = "网络地址"
        case .text, .other: hint = "字段"
        }
        let suffix = " (\(hint))"
        var name = CommentText.singleLine(column.name)
        if name.isEmpty { name = "字段\(column.position)" }
        return CommentText.prefix(name, limit: maxLength - suffix.count) + suffix
    }
}
