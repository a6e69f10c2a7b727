/// Splits tables into prompts that fit the budget: all in one prompt when they fit (with the most detailed
/// documents that do), else consecutive batches packed greedily with compact documents, each then shown as
/// detailed as its batch allows. A table that fits no prompt even alone and in outline is its own batch without
/// messages (the caller falls back for it).
enum PromptPacking {
    struct Batch<Item: Sendable>: Sendable {
        var items: [Item]
        /// Nil when the item does not fit any prompt.
        var messages: [ChatMessage]?
    }

    static func batches<Item: Sendable>(
        _ items: [Item], render: ([Item], PromptDocuments.Detail) -> [ChatMessage], fits: ([ChatMessage]) -> Bool
    ) -> [Batch<Item>] {
        if let messages = best(items, render: render, fits: fits) { return [Batch(items: items, messages: messages)] }
        var groups: [[Item]] = []
        var current: [Item] = []
        for item in items {
            if !current.isEmpty, !fits(render(current + [item], .compact)) {
                groups.append(current)
                current = []
            }
            current.append(item)
        }
        if !current.isEmpty { groups.append(current) }
        return groups.map { group in Batch(items: group, messages: best(group, render: render, fits: fits)) }
    }

    /// The messages with the most detailed documents that fit, or nil.
    static func best<Item>(
        _ items: [Item], render: ([Item], PromptDocuments.Detail) -> [ChatMessage], fits: ([ChatMessage]) -> Bool
    ) -> [ChatMessage]? {
        for detail in PromptDocuments.Detail.allCases {
            let messages = render(items, detail)
            if fits(messages) { return messages }
        }
        return nil
    }
}
