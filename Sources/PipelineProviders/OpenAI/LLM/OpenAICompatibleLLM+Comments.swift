import Foundation
import PipelineCore

/// Table and column comments (step 1).
extension OpenAICompatibleLLM {
    /// Comments for the table when it has none and for every column without one. The model's comments are used
    /// where they pass `CommentAnswer`; whatever it left out, or the whole table when its answer was unusable, is
    /// filled from the fallback. A very wide table is asked about in parts that each fit the budget.
    public func generateComments(_ request: TableCommentRequest) throws -> GeneratedComments {
        let table = request.table
        let wantsTableComment = !Self.hasComment(table.comment, table.existingComment)
        let missing = table.columns.filter { !Self.hasComment($0.comment, $0.existingComment) }.map(\.name)
        guard wantsTableComment || !missing.isEmpty else { return GeneratedComments(tableComment: nil, columnComments: [:]) }

        let parts = commentParts(table, missing: missing, wantsTableComment: wantsTableComment, businessContext: request.businessContext)
        let label = "表 \(table.reference) 注释"
        let answers = concurrently(parts) { @Sendable part -> GeneratedComments? in
            guard let messages = part.messages else {
                self.note("\(label): 字段 \(part.columns.first ?? "") 的文档超出提示词预算，改用\(self.fallback.name)的结果")
                return nil
            }
            let partLabel = parts.count > 1 ? "\(label)（第\(part.number)/\(parts.count)部分）" : label
            let answer = CommentAnswer(table: part.table, wantsTableComment: part.wantsTableComment, columns: part.columns)
            let result = self.ask(.tableComments, messages, label: partLabel, check: answer.check)
            if result == nil { self.note("\(partLabel): 改用\(self.fallback.name)的结果") }
            return result
        }

        var generated = GeneratedComments(tableComment: nil, columnComments: [:])
        for answer in answers.compactMap({ $0 }) {
            generated.tableComment = generated.tableComment ?? answer.tableComment
            generated.columnComments.merge(answer.columnComments) { first, _ in first }
        }
        let unanswered = missing.filter { generated.columnComments[$0] == nil }
        if (wantsTableComment && generated.tableComment == nil) || !unanswered.isEmpty {
            let builtin = try fallback.generateComments(request)
            if wantsTableComment, generated.tableComment == nil { generated.tableComment = builtin.tableComment }
            for name in unanswered { generated.columnComments[name] = builtin.columnComments[name] }
            let answeredParts = answers.contains { $0 != nil }
            if answeredParts, !unanswered.isEmpty {
                note("\(label): 模型未给出 \(unanswered.count) 个字段的注释，由\(fallback.name)补全: \(unanswered.prefix(10).joined(separator: ", "))")
            }
        }
        if !wantsTableComment { generated.tableComment = nil }
        return generated
    }

    struct CommentPart: Sendable {
        var number: Int
        var table: TableDescription
        var columns: [String]
        var wantsTableComment: Bool
        /// Nil when even one column does not fit the budget.
        var messages: [ChatMessage]?
    }

    /// The whole table in one prompt (full document, else compact); else consecutive column ranges, each as large
    /// as fits (the table comment is asked with the first).
    func commentParts(_ table: TableDescription, missing: [String], wantsTableComment: Bool,
                      businessContext: String) -> [CommentPart] {
        for detail in [PromptDocuments.Detail.full, .compact] {
            let messages = commentMessages(table, columns: missing, detail: detail, businessContext: businessContext)
            if fits(messages) {
                return [CommentPart(number: 1, table: table, columns: missing, wantsTableComment: wantsTableComment, messages: messages)]
            }
        }
        var parts: [CommentPart] = []
        var remaining = missing[...]
        while let first = remaining.first {
            var taken = [first]
            var best = fitting(table, [first], businessContext)
            for name in remaining.dropFirst() {
                guard let messages = fitting(table, taken + [name], businessContext) else { break }
                taken.append(name)
                best = messages
            }
            remaining = remaining.dropFirst(taken.count)
            parts.append(CommentPart(number: parts.count + 1, table: Self.table(table, only: taken), columns: taken,
                                     wantsTableComment: wantsTableComment && parts.isEmpty, messages: best))
        }
        return parts
    }

    private func fitting(_ table: TableDescription, _ columns: [String], _ businessContext: String) -> [ChatMessage]? {
        let messages = commentMessages(Self.table(table, only: columns), columns: columns, detail: .compact, businessContext: businessContext)
        return fits(messages) ? messages : nil
    }

    func commentMessages(_ table: TableDescription, columns: [String], detail: PromptDocuments.Detail,
                         businessContext: String) -> [ChatMessage] {
        prompts.template(.tableComments).messages([
            "business_context": context(businessContext),
            "table_name": PromptDocuments.name(table.reference),
            "table_document": PromptDocuments.document(table, detail: detail).trimmingCharacters(in: .newlines),
            "columns_to_comment": Self.jsonArray(columns),
        ])
    }

    /// The table showing only `columns` (keys and foreign keys kept: the document still says what they are).
    static func table(_ table: TableDescription, only columns: [String]) -> TableDescription {
        var part = table
        part.columns = table.columns.filter { columns.contains($0.name) }
        return part
    }

    static func hasComment(_ comments: String?...) -> Bool {
        comments.contains { CommentText.clean($0) != nil }
    }

    static func jsonArray(_ names: [String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return (try? encoder.encode(names)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }
}
