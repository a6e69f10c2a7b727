import Foundation
import PipelineCore

/// `/training_data/create` and `/training_data/update`: items checked by type, embedded, stored by content id.
struct TrainingDataWriteController {
    let jsonBody: JSONBody
    let trainingStore: TrainingDataStore
    let embedder: EmbeddingProvider
    let clock: @Sendable () -> Date
    static let maxBatch = 50

    struct CreateInput: Decodable {
        var data: JSONValue?
    }

    func create(_ context: RouteContext) throws -> HTTPResponse {
        let input = try jsonBody.decode(CreateInput.self, from: context.request)
        let values: [JSONValue]
        switch input.data {
        case .none, .null?: throw APIError.missing("data", "缺少必需参数：data")
        case .object?: values = [input.data!]
        case .array(let items)?: values = items
        default: throw APIError.badRequest("data字段格式错误，应为对象或数组")
        }
        guard !values.isEmpty else { throw APIError.missing("data", "缺少必需参数：data") }
        guard values.count <= Self.maxBatch else { throw APIError.badRequest("批量操作最大支持50条记录") }

        let parsed = values.map(TrainingItemInput.parse)
        let accepted = parsed.compactMap { try? $0.get() }
        var existing = Set<String>()
        if !accepted.isEmpty {
            let known = Set(try trainingStore.items(ids: accepted.map(\.id)).map(\.id))
            existing = known
            _ = try trainingStore.upsert(try embed(accepted), model: embedder.model)
        }
        var results: [TrainingCreatePayload.ItemResult] = []
        var counts: [TrainingDataType: Int] = [:]
        for (index, outcome) in parsed.enumerated() {
            switch outcome {
            case .success(let item):
                counts[item.type, default: 0] += 1
                results.append(.init(index: index, success: true, trainingId: item.id, type: item.type.rawValue, error: nil,
                                     message: "\(item.type.rawValue)训练数据创建成功", alreadyExisted: existing.contains(item.id)))
            case .failure(let refusal):
                results.append(.init(index: index, success: false, trainingId: nil, type: refusal.type, error: refusal.error,
                                     message: "创建失败", alreadyExisted: nil))
            }
        }
        let failed = results.filter { !$0.success }.count
        let payload = TrainingCreatePayload(totalRequested: values.count, successfullyCreated: values.count - failed,
                                            failedCount: failed, results: results, summary: TypeCounts(counts),
                                            currentTotalCount: try trainingStore.stats().total)
        let now = clock()
        if failed == 0 { return Envelope.success(payload, response: "训练数据创建完成", now: now) }
        if failed == values.count { return Envelope.failure(.badRequest("训练数据创建失败"), payload: payload, now: now) }
        return Envelope.failure(APIError(.partialSuccess, "训练数据创建部分成功，成功\(values.count - failed)条，失败\(failed)条"),
                                payload: payload, now: now)
    }

    /// Replaces one item in one transaction: the new content is checked and embedded first, so a bad update
    /// leaves the old item where it was (the predecessor deleted first and could lose it).
    func update(_ context: RouteContext) throws -> HTTPResponse {
        let input = try jsonBody.decode(JSONValue.self, from: context.request)
        guard case .object(let fields) = input else { throw APIError.badRequest("请求体必须是JSON对象") }
        guard case .string(let id)? = fields["id"], !id.isEmpty else { throw APIError.missing("id") }
        guard fields["training_data_type"] != nil else { throw APIError.missing("training_data_type") }
        let item: TrainingItem
        switch TrainingItemInput.parse(input) {
        case .success(let parsed): item = parsed
        case .failure(let refusal): throw APIError.badRequest(refusal.error)
        }
        guard let embedded = try embed([item]).first else { throw PipelineError.internalFailure("no vector") }
        guard try trainingStore.replace(id: id, with: embedded, model: embedder.model) else {
            throw APIError.notFound("原始记录 \(id) 不存在")
        }
        let payload = TrainingUpdatePayload(originalId: id, newTrainingId: item.id, type: item.type.rawValue,
                                            currentTotalCount: try trainingStore.stats().total)
        return Envelope.success(payload, response: "训练数据更新成功", now: clock())
    }

    private func embed(_ items: [TrainingItem]) throws -> [EmbeddedTrainingItem] {
        let vectors = try embedder.embed(items.map(\.embeddingText))
        guard vectors.count == items.count else { throw PipelineError.internalFailure("embedder returned \(vectors.count) vectors") }
        return zip(items, vectors).map { EmbeddedTrainingItem(item: $0, vector: $1) }
    }
}
