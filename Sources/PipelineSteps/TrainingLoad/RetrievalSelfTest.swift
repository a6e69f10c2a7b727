import Foundation
import PipelineCore

/// Step 4's retrieval self-test (docs/quality-report.md): searches the store, as an NL2SQL app would, with each
/// sampled pair's own question and with a paraphrase of it, within this task's `sql` items, and counts how often
/// the pair itself is the first result and among the first five.
struct RetrievalSelfTest {
    /// Questions tested at most (each costs an embedding and a search); a larger run is sampled evenly.
    static let maxQuestions = 200
    static let topK = 5

    let store: TrainingDataStore
    let embedder: EmbeddingProvider

    func run(pairs: [TrainingItem], model: SemanticModel?, taskID: String) throws -> RetrievalSelfTestResult {
        let started = Date()
        let sample = Self.evenSample(pairs, max: Self.maxQuestions)
        let maker = ParaphraseMaker(model: model)
        let paraphrased: [(text: String, pair: TrainingItem)] = sample.compactMap { pair in
            maker.paraphrase(pair.question ?? "").map { ($0, pair) }
        }
        let texts = sample.map { $0.question ?? "" } + paraphrased.map(\.text)
        let vectors = texts.isEmpty ? [] : try embedder.embed(texts)
        guard vectors.count == texts.count else { throw StepFailure("向量化结果数量不符: 期望 \(texts.count)，实际 \(vectors.count)") }
        var misses: [RetrievalSelfTestResult.Miss] = []
        func recall(_ asked: [(text: String, pair: TrainingItem)], vectors: ArraySlice<[Float]>) throws -> RetrievalSelfTestResult.Recall {
            var at1 = 0, at5 = 0
            for ((text, pair), vector) in zip(asked, vectors) {
                let hits = try store.search(TrainingSearchRequest(question: text, vector: vector, model: embedder.model,
                                                                  topK: Self.topK, types: [.sql], taskID: taskID))
                let rank = hits.firstIndex { $0.item.id == pair.id }
                if rank == 0 { at1 += 1 }
                if rank != nil { at5 += 1 } else if misses.count < 10 { misses.append(.init(question: text, original: pair.question ?? "")) }
            }
            return .init(questions: asked.count, hitsAt1: at1, hitsAt5: at5)
        }
        let own = try recall(sample.map { ($0.question ?? "", $0) }, vectors: vectors[0..<sample.count])
        let paraphrases = try recall(paraphrased, vectors: vectors[sample.count...])
        return RetrievalSelfTestResult(pairs: pairs.count, sampled: sample.count, ownQuestions: own, paraphrases: paraphrases,
                                       misses: misses, searchMode: TrainingSearchMode.hybrid.rawValue,
                                       embeddingModel: embedder.model,
                                       durationMS: Int(Date().timeIntervalSince(started) * 1000))
    }

    /// At most `max` items spread evenly over the list, in order.
    static func evenSample<T>(_ items: [T], max: Int) -> [T] {
        guard items.count > max, max > 0 else { return items }
        return (0..<max).map { items[$0 * items.count / max] }
    }
}
