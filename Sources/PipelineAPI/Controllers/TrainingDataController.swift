import Foundation
import PipelineCore

/// `/training_data/stats`, `/query`, `/delete` and `/search`: reading and removing what the store holds.
struct TrainingDataController {
    let jsonBody: JSONBody
    let trainingStore: TrainingDataStore
    let embedder: EmbeddingProvider
    let clock: @Sendable () -> Date
    static let maxDeleteBatch = 50
    static let maxTopK = 50

    func stats(_ context: RouteContext) throws -> HTTPResponse {
        let stats = try trainingStore.stats()
        let payload = TrainingStatsPayload(totalCount: stats.total, typeBreakdown: TypeCounts(stats.byType),
                                           typePercentages: TypePercentages(stats.byType, total: stats.total),
                                           lastUpdated: stats.lastUpdated.map(LocalTimestamp.iso))
        return Envelope.success(payload, response: "统计信息获取成功", now: clock())
    }

    struct QueryInput: Decodable {
        var page: Int?
        var pageSize: Int?
        var trainingDataType: String?
        var sortBy: String?
        var sortOrder: String?
        var searchKeyword: String?
    }

    func query(_ context: RouteContext) throws -> HTTPResponse {
        let input = try jsonBody.decode(QueryInput.self, from: context.request, allowEmpty: true)
        let window = try IntegerInput.page(input.page, size: input.pageSize, defaultSize: 20, maxSize: 100)
        let keyword = input.searchKeyword.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        try TextLimits.check(keyword, field: "search_keyword", limit: TextLimits.searchKeyword)
        let type = try input.trainingDataType.map(Self.type)
        guard let sortBy = TrainingSortField(rawValue: input.sortBy ?? "id") else {
            throw APIError.badRequest("不支持的排序字段: \(input.sortBy ?? "")，可选: \(TrainingSortField.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let order = (input.sortOrder ?? "desc").lowercased()
        guard order == "asc" || order == "desc" else { throw APIError.badRequest("排序方向必须是 asc 或 desc") }

        let result = try trainingStore.query(TrainingQuery(page: window.page, pageSize: window.pageSize, type: type, keyword: keyword,
                                                                    sortBy: sortBy, descending: order == "desc"))
        let payload = TrainingQueryPayload(
            records: result.items.map { TrainingRecordPayload($0) },
            pagination: Pagination(window, total: result.total),
            filtersApplied: .init(trainingDataType: type?.rawValue, searchKeyword: keyword))
        let text = result.total == 0 ? "查询成功，暂无训练数据" : "查询成功，共找到 \(result.total) 条记录"
        return Envelope.success(payload, response: text, now: clock())
    }

    struct DeleteInput: Decodable {
        var ids: [String]?
        var confirm: Bool?
    }

    func delete(_ context: RouteContext) throws -> HTTPResponse {
        let input = try jsonBody.decode(DeleteInput.self, from: context.request)
        guard let ids = input.ids, !ids.isEmpty else { throw APIError.missing("ids", "缺少有效的ID列表") }
        guard input.confirm == true else { throw APIError.badRequest("删除操作需要确认，请设置confirm为true") }
        guard ids.count <= Self.maxDeleteBatch else { throw APIError.badRequest("批量删除最大支持50条记录") }
        var unique: [String] = []
        for id in ids where !unique.contains(id) { unique.append(id) }
        let deleted = try trainingStore.delete(ids: unique)
        let failed = unique.filter { !deleted.contains($0) }
        let payload = TrainingDeletePayload(
            totalRequested: unique.count, successfullyDeleted: deleted.count, failedCount: failed.count,
            deletedIds: unique.filter(deleted.contains), failedIds: failed,
            failedDetails: failed.map { .init(id: $0, error: "记录不存在或删除失败") },
            currentTotalCount: try trainingStore.stats().total)
        let now = clock()
        if failed.isEmpty { return Envelope.success(payload, response: "训练数据删除完成", now: now) }
        if deleted.isEmpty { return Envelope.failure(APIError(.notFound, "训练数据删除失败：记录不存在"), payload: payload, now: now) }
        return Envelope.failure(APIError(.partialSuccess, "训练数据删除部分成功，成功\(deleted.count)条，失败\(failed.count)条"),
                                payload: payload, now: now)
    }

    /// What an NL2SQL app calls: the stored items that best answer a question — vector similarity fused with the
    /// lexical index by default (`mode`), optionally within one business database or task, with `explain` saying
    /// why each matched.
    func search(_ context: RouteContext) throws -> HTTPResponse {
        let input = try jsonBody.decode(TrainingSearchInput.self, from: context.request)
        guard let question = input.question?.trimmingCharacters(in: .whitespacesAndNewlines), !question.isEmpty else {
            throw APIError.missing("question")
        }
        try TextLimits.check(question, field: "question", limit: TextLimits.question)
        let topK = try IntegerInput.check(input.topK, field: "top_k", default: 10, range: 1...Self.maxTopK)
        let types = try (input.types ?? []).map(Self.type)
        let dbName = try TrainingSearchInput.filter(input.dbName, field: "db_name")
        let taskID = try TrainingSearchInput.filter(input.taskId, field: "task_id")
        let mode = try TrainingSearchInput.mode(input.mode)
        let explain = input.explain ?? false
        let embedder = embedder
        let vectors = try embedder.embed([question])
        guard let vector = vectors.first else { throw PipelineError.internalFailure("embedder returned no vector") }
        let hits = try trainingStore.search(TrainingSearchRequest(
            question: question, vector: vector, model: embedder.model, topK: topK, types: Set(types), dbName: dbName,
            taskID: taskID, mode: mode, explain: explain))
        let payload = TrainingSearchPayload(
            question: question, topK: topK, types: types.map(\.rawValue), dbName: dbName, taskId: taskID,
            mode: mode.rawValue, embeddingModel: embedder.model,
            results: hits.map { TrainingRecordPayload($0.item, score: $0.score, explanation: $0.explanation) })
        return Envelope.success(payload, response: "检索成功，返回 \(hits.count) 条结果", now: clock())
    }

    static func type(_ name: String) throws -> TrainingDataType {
        guard let type = TrainingDataType(rawValue: name) else {
            throw APIError.badRequest("不支持的训练数据类型: \(name)，可选: sql, ddl, documentation, error_sql")
        }
        return type
    }
}
