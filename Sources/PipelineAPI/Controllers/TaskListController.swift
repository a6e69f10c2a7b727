import Foundation
import PipelineCore

/// Listing and searching tasks.
struct TaskListController {
    let jsonBody: JSONBody
    let store: TaskStore
    /// Lists fail the executions of lost workers first (a sweep, at most every few seconds per thread).
    let reaper: LostWorkerReaper
    let clock: @Sendable () -> Date
    static let maxListLimit = 100
    static let maxPageSize = 100
    /// This thread's last list envelope per query, reused while the page is unchanged.
    let listMemo = EnvelopeMemo<TaskListQuery, Page>(capacity: 8)

    /// One page of the list and the number of all matching tasks, as the store returned them.
    struct Page: Equatable {
        var tasks: [TaskSummary]
        var total: Int
    }

    /// `GET /data_pipeline/tasks?limit=&offset=&status=`
    func list(_ context: RouteContext) throws -> HTTPResponse {
        let query = context.request.query
        var listQuery = TaskListQuery()
        listQuery.limit = try IntegerInput.parse(query["limit"], field: "limit", default: 50,
                                                 range: 1...TaskListController.maxListLimit)
        listQuery.offset = try IntegerInput.parse(query["offset"], field: "offset", default: 0, range: 0...Int(Int32.max))
        listQuery.status = try nonEmpty(query["status"]).map(parseStatus)
        try reaper.sweepStaleExecutions()
        let (tasks, total) = try store.listTasks(listQuery)
        let now = clock()
        return listMemo.response(for: listQuery, value: Page(tasks: tasks, total: total), now: now) { page in
            let payload = TaskListPayload(tasks: page.tasks.map(TaskListItem.init), total: page.total,
                                          limit: listQuery.limit, offset: listQuery.offset)
            return Envelope.rendered(payload, response: "获取任务列表成功", now: now)
        }
    }

    /// `POST /data_pipeline/tasks/query`
    func query(_ context: RouteContext) throws -> HTTPResponse {
        let started = Date()
        let input = try jsonBody.decode(TaskQueryInput.self, from: context.request, allowEmpty: true)
        let window = try IntegerInput.page(input.page, size: input.pageSize, defaultSize: 20,
                                           maxSize: TaskListController.maxPageSize)
        var listQuery = TaskListQuery()
        var filters: [String: String] = [:]
        if let status = nonEmpty(input.status) {
            listQuery.status = try parseStatus(status)
            filters["status"] = status
        }
        if let keyword = nonEmpty(input.taskName) {
            try TextLimits.check(keyword, field: "task_name", limit: TextLimits.nameKeyword)
            listQuery.nameKeyword = keyword
            filters["task_name"] = keyword
        }
        if let createdBy = nonEmpty(input.createdBy) {
            try TextLimits.check(createdBy, field: "created_by", limit: TextLimits.filter)
            listQuery.createdBy = createdBy
            filters["created_by"] = createdBy
        }
        if let dbName = nonEmpty(input.dbName) {
            try TextLimits.check(dbName, field: "db_name", limit: TextLimits.dbName)
            listQuery.dbName = dbName
            filters["db_name"] = dbName
        }
        if let from = nonEmpty(input.createdFrom ?? input.createdTimeStart) {
            listQuery.createdFrom = try parseTime(from, name: "created_from")
            filters["created_from"] = from
        }
        if let to = nonEmpty(input.createdTo ?? input.createdTimeEnd) {
            // A date without a time means the whole day (the predecessor excluded it).
            let end = try parseTime(to, name: "created_to")
            listQuery.createdTo = to.count == 10 ? end.addingTimeInterval(86_400 - 0.000_001) : end
            filters["created_to"] = to
        }
        let sortBy = nonEmpty(input.sortBy) ?? TaskSortField.createdAt.rawValue
        guard let sortField = TaskSortField(rawValue: sortBy) else {
            let allowed = TaskSortField.allCases.map(\.rawValue).joined(separator: ", ")
            throw APIError.badRequest("不支持的排序字段: \(sortBy)，支持的字段: \(allowed)")
        }
        let sortOrder = (nonEmpty(input.sortOrder) ?? "desc").lowercased()
        guard sortOrder == "asc" || sortOrder == "desc" else { throw APIError.badRequest("排序方向必须是 'asc' 或 'desc'") }
        listQuery.sortBy = sortField
        listQuery.ascending = sortOrder == "asc"
        listQuery.limit = window.pageSize
        listQuery.offset = window.offset
        try reaper.sweepStaleExecutions()
        let (tasks, total) = try store.listTasks(listQuery)
        let payload = TaskQueryPayload(
            tasks: tasks.map(TaskListItem.init),
            pagination: Pagination(window, total: total),
            filtersApplied: filters, sortApplied: ["sort_by": sortBy, "sort_order": sortOrder],
            queryTime: String(format: "%.3fs", Date().timeIntervalSince(started)))
        return Envelope.success(payload, response: "查询任务列表成功", now: clock())
    }

    private func parseStatus(_ text: String) throws -> TaskStatus {
        guard let status = TaskStatus(rawValue: text) else {
            let allowed = TaskStatus.allCases.map(\.rawValue).joined(separator: ", ")
            throw APIError.badRequest("不支持的状态值: \(text)，支持的状态: \(allowed)")
        }
        return status
    }

    private func parseTime(_ text: String, name: String) throws -> Date {
        guard let date = LocalTimestamp.parse(text) else {
            throw APIError.badRequest("\(name)时间格式无效，支持格式：YYYY-MM-DD HH:MM:SS 或 YYYY-MM-DD")
        }
        return date
    }
}
