import Foundation
import PipelineCore

/// SQL repair (step 3).
extension OpenAICompatibleLLM {
    /// One answer per item, in order. Items are sent in batches that fit the budget, each with the error and the
    /// DDL of the tables its SQL names (all given tables when it names none of them). Every proposal is checked
    /// (`RepairAnswer`); an invalid one is retried once, and an item left without a valid proposal gets the
    /// fallback's answer.
    public func repairSQL(_ request: SQLRepairRequest) throws -> [String?] {
        guard !request.items.isEmpty else { return [] }
        let batches = repairBatches(request)
        let outcomes = concurrently(batches) { @Sendable batch -> Result<[String?], Error> in
            let label = "SQL修复（\(batch.items.count) 条）"
            var answers: [String?] = Array(repeating: nil, count: batch.items.count)
            if let messages = batch.messages {
                let answer = RepairAnswer(items: batch.items, tables: request.tables)
                answers = self.ask(.sqlRepair, messages, label: label, check: answer.check, merge: RepairAnswer.merge) ?? answers
            } else {
                self.note("\(label): 表结构超出提示词预算")
            }
            let declined = answers.indices.filter { answers[$0] == nil }
            guard !declined.isEmpty else { return .success(answers) }
            return Result {
                let fallbackItems = declined.map { batch.items[$0] }
                let proposals = try self.fallback.repairSQL(SQLRepairRequest(items: fallbackItems, tables: request.tables))
                for (position, index) in declined.enumerated() where position < proposals.count {
                    answers[index] = proposals[position]
                }
                return answers
            }
        }
        return try outcomes.flatMap { try $0.get() }
    }

    struct RepairBatch: Sendable {
        var items: [SQLRepairItem]
        var messages: [ChatMessage]?
    }

    /// Consecutive items, as many per prompt as fit.
    func repairBatches(_ request: SQLRepairRequest) -> [RepairBatch] {
        var batches: [RepairBatch] = []
        var current: [SQLRepairItem] = []
        var currentMessages: [ChatMessage]?
        for item in request.items {
            let messages = repairMessages(current + [item], tables: request.tables)
            if fits(messages) {
                current.append(item)
                currentMessages = messages
                continue
            }
            if !current.isEmpty { batches.append(RepairBatch(items: current, messages: currentMessages)) }
            let alone = repairMessages([item], tables: request.tables)
            current = [item]
            currentMessages = fits(alone) ? alone : nil
            if currentMessages == nil {
                batches.append(RepairBatch(items: current, messages: nil))
                current = []
            }
        }
        if !current.isEmpty { batches.append(RepairBatch(items: current, messages: currentMessages)) }
        return batches
    }

    func repairMessages(_ items: [SQLRepairItem], tables: [TableDescription]) -> [ChatMessage] {
        var touched: [TableDescription] = []
        for item in items {
            let named = SQLReferenceCheck.tablesNamed(in: item.sql, among: tables)
            for table in named.isEmpty ? tables : named where !touched.contains(where: { $0.reference == table.reference }) {
                touched.append(table)
            }
        }
        let listed = items.enumerated().map { index, item in
            "第\(index + 1)条\n问题：\(CommentText.singleLine(item.question))\n错误：\(CommentText.singleLine(item.error))\nSQL：\(CommentText.singleLine(item.sql))"
        }.joined(separator: "\n\n")
        return prompts.template(.sqlRepair).messages([
            "item_count": String(items.count),
            "items": listed,
            "table_ddls": touched.isEmpty ? "（没有可用的表结构）" : PromptDocuments.ddls(touched),
        ])
    }
}
