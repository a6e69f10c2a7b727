import Foundation
import PipelineCore

/// Step 4: DDL, documentation chunks, question–SQL pairs and remembered mistakes of the task directory, embedded in
/// batches and upserted into the training-data store with content-derived ids (ARCHITECTURE.md §6).
///
/// Re-loading the same files adds nothing; items this task loaded earlier for the same tables but no longer produces
/// are removed, so re-running one table replaces only that table's items. The result counts what this task loaded
/// and, separately, the store's totals.
public struct TrainingLoadStep: PipelineStep {
    public let name = StepName.trainingLoad
    let makeStore: @Sendable () throws -> TrainingDataStore
    let embedder: EmbeddingProvider

    public init(makeStore: @escaping @Sendable () throws -> TrainingDataStore, embedder: EmbeddingProvider) {
        self.makeStore = makeStore
        self.embedder = embedder
    }

    public func run(_ context: StepContext) throws -> TrainingLoadSummary {
        let started = Date()
        let log = context.log
        let store: TrainingDataStore
        do {
            store = try makeStore()
        } catch {
            throw StepFailure("无法连接训练数据库: \(PipelineOrchestrator.message(for: error))")
        }
        let management = VectorManagement(store: store, directory: context.directory, log: log, step: name)
            .run(context.vectorFlags, now: context.clock())
        if context.vectorFlags.skipTraining {
            log.info(name.rawValue, "skip_training=true，跳过训练数据加载")
            return .skipped(.init(vectorManagement: management, duration: Self.rounded(Date().timeIntervalSince(started))))
        }

        var collection = TrainingFileCollector(directory: context.directory, taskID: context.taskID.rawValue).collect()
        // Items know their business database (the name only, never host, port or password), for scoped search.
        let dbName = DatabaseURL.databaseName(context.parameters.dbConnection)
        for index in collection.items.indices { collection.items[index].dbName = dbName }
        for problem in collection.problems { log.warning(name.rawValue, "文件无法读取，已跳过: \(problem)") }
        guard !collection.items.isEmpty else { throw StepFailure("训练数据加载失败：未找到可处理的训练文件") }
        log.info(name.rawValue, "开始加载 \(collection.items.count) 条训练数据（向量模型 \(embedder.model)，每批 \(embedder.batchSize) 条）")

        let outcome = try load(collection.items, into: store, context: context)
        let tables = Array(Set(collection.items.flatMap(\.tables))).sorted()
        let removed = try store.removeStale(taskID: context.taskID.rawValue, tables: tables, keeping: Set(collection.items.map(\.id)))
        let stats = try store.stats()
        let duration = Date().timeIntervalSince(started)
        log.info(name.rawValue, "训练数据加载完成: 本任务 \(collection.items.count) 条（新增 \(outcome.inserted)，已存在 \(outcome.existing)，移除过期 \(removed)），训练库共 \(stats.total) 条，耗时 \(String(format: "%.2f", duration)) 秒")

        var byType: [String: Int] = [:]
        for type in TrainingDataType.allCases {
            byType[type.rawValue] = collection.items.filter { $0.type == type }.count
        }
        var totals = ["total": stats.total]
        for type in TrainingDataType.allCases { totals[type.rawValue] = stats.byType[type] ?? 0 }
        return .loaded(.init(
            filesProcessed: collection.files, itemsLoaded: collection.items.count, itemsNew: outcome.inserted,
            itemsExisting: outcome.existing, itemsRemoved: removed, byType: byType, embeddingModel: embedder.model,
            embeddingDimension: embedder.dimension, storeTotals: totals, vectorManagement: management,
            duration: Self.rounded(duration),
            retrievalSelfTest: retrievalSelfTest(collection.items.filter { $0.type == .sql }, store: store, context: context)))
    }

    /// The retrieval self-test of the pairs just loaded (quality report); a failure is logged, never fails the step.
    private func retrievalSelfTest(_ pairs: [TrainingItem], store: TrainingDataStore, context: StepContext) -> RetrievalSelfTestResult? {
        guard !pairs.isEmpty else { return nil }
        do {
            let model = SemanticModelFile.read(from: context.directory)
            let result = try RetrievalSelfTest(store: store, embedder: embedder).run(pairs: pairs, model: model, taskID: context.taskID.rawValue)
            context.log.info(name.rawValue, "检索自测: 问题对 \(result.sampled) 个，原问题 recall@1 \(result.ownQuestions.recallAt1)、recall@5 \(result.ownQuestions.recallAt5)；改写问题 \(result.paraphrases.questions) 个，recall@5 \(result.paraphrases.recallAt5)（\(result.durationMS) ms）")
            return result
        } catch {
            context.log.warning(name.rawValue, "检索自测失败，已跳过: \(PipelineOrchestrator.message(for: error))")
            return nil
        }
    }

    /// Embeds and upserts batch by batch, so memory stays bounded and progress moves.
    private func load(_ items: [TrainingItem], into store: TrainingDataStore, context: StepContext) throws -> TrainingUpsertOutcome {
        context.progress.start(name, total: items.count)
        var total = TrainingUpsertOutcome(inserted: 0, existing: 0)
        // Slices of at least 256 texts: an HTTP embedder splits a slice into its own batches and sends them
        // concurrently; each slice is one upsert transaction.
        let batchSize = max(256, embedder.batchSize)
        for start in stride(from: 0, to: items.count, by: batchSize) {
            try context.cancellation.check()
            let batch = Array(items[start..<min(start + batchSize, items.count)])
            let vectors: [[Float]]
            do {
                vectors = try embedder.embed(batch.map(\.embeddingText))
            } catch {
                throw StepFailure("向量化失败（\(embedder.model)）: \(error)")
            }
            guard vectors.count == batch.count else { throw StepFailure("向量化结果数量不符: 期望 \(batch.count)，实际 \(vectors.count)") }
            let outcome = try store.upsert(zip(batch, vectors).map { EmbeddedTrainingItem(item: $0, vector: $1) }, model: embedder.model)
            total.inserted += outcome.inserted
            total.existing += outcome.existing
            context.progress.advance(by: batch.count)
        }
        return total
    }

    static func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}
