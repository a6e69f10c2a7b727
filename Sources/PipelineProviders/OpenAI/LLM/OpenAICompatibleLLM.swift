import Foundation
import PipelineCore

/// The language model behind the pipeline when `DP_LLM_PROVIDER=openai`: prompts from a `PromptLibrary`, calls
/// through a `ChatCompleting` transport, and nothing the model says trusted blindly.
///
/// Every answer is checked (`CommentAnswer`, `ThemeAnswer`, `PairAnswer`, `RepairAnswer`, `SummaryAnswer`). An
/// unusable one is retried once with the problems fed back as an extra user message; if the retry is unusable too,
/// or the endpoint fails (`ChatFailure`; the transport has already retried), the `fallback` provider answers for
/// that item only — one table's comments, one batch's themes, one theme's pairs — and the log says so. The methods
/// never throw for a model's fault; only the fallback's own errors propagate.
public struct OpenAICompatibleLLM: LLMProvider {
    /// `openai:<model>`, from the transport.
    public let name: String
    let chat: ChatCompleting
    let fallback: LLMProvider
    let prompts: PromptLibrary
    /// Where retries, dropped items and fallbacks are reported (one line each, no prompt or answer text beyond
    /// short excerpts); called from several threads at once.
    let log: (@Sendable (String) -> Void)?
    /// Calls one method makes at once when it splits its input (theme batches, repair batches); the transport's
    /// global bound still applies.
    let maxConcurrentCalls: Int

    public init(chat: ChatCompleting, fallback: LLMProvider = BuiltinLLM(), prompts: PromptLibrary,
                log: (@Sendable (String) -> Void)?, maxConcurrentCalls: Int = 4) {
        self.name = chat.name
        self.chat = chat
        self.fallback = fallback
        self.prompts = prompts
        self.log = log
        self.maxConcurrentCalls = max(1, maxConcurrentCalls)
    }

    // MARK: - Budget

    /// What a first prompt may use: a tenth of the budget stays free for the retry's feedback and echoed answer.
    var firstPromptBudget: Int { prompts.maxPromptTokens * 9 / 10 }

    func fits(_ messages: [ChatMessage]) -> Bool {
        TokenEstimate.tokens(messages) <= firstPromptBudget
    }

    func context(_ businessContext: String) -> String {
        let trimmed = CommentText.singleLine(businessContext)
        return trimmed.isEmpty ? TaskParameters.defaultBusinessContext : trimmed
    }

    func note(_ message: String) {
        log?("[\(name)] \(message)")
    }

    // MARK: - Asking

    /// One model call with its check and at most one retry; nil when no usable answer came (the caller falls back).
    ///
    /// `merge` combines what the two answers yielded (pairs: both answers' valid pairs; repairs: per item); by
    /// default the retry's value wins when it has one.
    func ask<Value>(_ kind: PromptKind, _ messages: [ChatMessage], label: String, wantsJSON: Bool = true,
                    check: (String) -> CheckedAnswer<Value>,
                    merge: (Value?, Value?) -> Value? = { first, second in second ?? first }) -> Value? {
        var conversation = messages
        guard let first = call(kind, conversation, label: label, wantsJSON: wantsJSON) else { return nil }
        let checked = check(first)
        report(checked.notes, label: label)
        guard !checked.problems.isEmpty else { return checked.value }

        let problems = checked.problems.map { "- " + $0 }.joined(separator: "\n")
        note("\(label): 回答不可用，带错误说明重试一次: \(CommentText.prefix(CommentText.singleLine(problems), limit: 300))")
        let feedback = prompts.template(.retryFeedback)
            .messages(["error": CommentText.prefix(problems, limit: 1_500)])
            .filter { $0.role == "user" }
        let room = prompts.maxPromptTokens - TokenEstimate.tokens(conversation + feedback) - TokenEstimate.perMessage
        conversation.append(.assistant(echo(first, room: room)))
        conversation += feedback
        guard let second = call(kind, conversation, label: label + "（重试）", wantsJSON: wantsJSON) else { return checked.value }
        let rechecked = check(second)
        report(rechecked.notes, label: label)
        if !rechecked.problems.isEmpty {
            note("\(label): 重试后的回答仍有问题: \(CommentText.prefix(rechecked.problems.joined(separator: "；"), limit: 300))")
        }
        return merge(checked.value, rechecked.value)
    }

    private func call(_ kind: PromptKind, _ messages: [ChatMessage], label: String, wantsJSON: Bool) -> String? {
        do {
            return try chat.complete(ChatRequest(kind: kind, messages: messages, wantsJSON: wantsJSON)).text
        } catch {
            note("\(label): 调用失败: \(error)")
            return nil
        }
    }

    private func report(_ notes: [String], label: String) {
        guard !notes.isEmpty else { return }
        note("\(label): \(CommentText.prefix(notes.joined(separator: "；"), limit: 500))")
    }

    /// The unusable answer as the assistant turn of the retry, cut to what the budget leaves (tokens ≥ characters
    /// / 3, so `room` characters never exceed `room` tokens).
    private func echo(_ answer: String, room: Int) -> String {
        let limit = min(4_000, room)
        guard limit > 50 else { return "（上一次的回答过长，已省略）" }
        return answer.count <= limit ? answer : String(answer.prefix(limit)) + "…"
    }

    /// Runs `body` for every item, at most `maxConcurrentCalls` at once, results in order.
    func concurrently<Item: Sendable, Result: Sendable>(_ items: [Item], _ body: @escaping @Sendable (Item) -> Result) -> [Result] {
        guard items.count > 1 else { return items.map(body) }
        return BoundedConcurrency.map(items, maxConcurrency: maxConcurrentCalls, body)
    }
}
