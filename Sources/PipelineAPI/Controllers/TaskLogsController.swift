import Foundation
import PipelineCore

/// Reading a task's `data_pipeline.log`.
struct TaskLogsController {
    let jsonBody: JSONBody
    let store: TaskStore
    let directories: TaskDirectories
    /// Log tails, shared by every thread of the responder.
    let logTails: LogTailCache
    let clock: @Sendable () -> Date
    static let levels = ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]
    /// This thread's last tail envelope per task, limit and level, reused while the log file is unchanged.
    let tailMemo = EnvelopeMemo<TailKey, LogTail.Version?>(capacity: 256)

    struct TailKey: Hashable {
        let task: TaskID
        let limit: Int
        let level: String?
    }

    /// `GET …/logs?limit=&level=`: the newest `limit` entries (oldest first), read from the end of the file.
    func tail(_ context: RouteContext) throws -> HTTPResponse {
        let id = try context.taskID()
        let limit = try IntegerInput.parse(context.request.query["limit"], field: "limit", default: 100, range: 1...1000)
        let level = try parseLevel(context.request.query["level"])
        try store.requireTaskExists(id)
        // Parsed only where the file grew (`LogTailCache`, shared by all threads); rendered only when it changed.
        let tail = try logTails.tail(of: directories.directory(id).fileURL(TaskLog.fileName),
                                              limit: limit, level: level)
        let now = clock()
        let render = { (_: LogTail.Version?) in
            Envelope.rendered(TaskLogsPayload(taskId: id.rawValue, logs: tail.entries.map(LogEntryItem.init),
                                              total: tail.entries.count, hasMore: tail.hasMore),
                              response: "获取任务日志成功", now: now)
        }
        guard let version = tail.version else { return render(nil).response }
        return tailMemo.response(for: TailKey(task: id, limit: limit, level: level), value: version, now: now, render: render)
    }

    /// `POST …/logs/query`: filters (level, time range, keyword, step) and pages over all entries.
    func query(_ context: RouteContext) throws -> HTTPResponse {
        let started = Date()
        let id = try context.taskID()
        let input = try jsonBody.decode(LogQueryInput.self, from: context.request, allowEmpty: true)
        let window = try IntegerInput.page(input.page, size: input.pageSize, defaultSize: 50, maxSize: 500)
        let level = try parseLevel(input.level)
        let from = try nonEmpty(input.startTime).map { try parseTime($0, label: "开始时间") }
        let to = try nonEmpty(input.endTime).map { text -> Date in
            let date = try parseTime(text, label: "结束时间")
            return text.count == 10 ? date.addingTimeInterval(86_399) : date
        }
        try TextLimits.check(input.keyword, field: "keyword", limit: TextLimits.logKeyword)
        let stepText = nonEmpty(input.step ?? input.stepName)
        let step = try stepText.map { text -> StepName in
            guard let step = StepName(rawValue: text) else {
                throw APIError.badRequest("无效的步骤名称: \(text)，支持的步骤: \(StepName.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return step
        }
        let sortOrder = (nonEmpty(input.sortOrder) ?? "desc").lowercased()
        guard sortOrder == "asc" || sortOrder == "desc" else { throw APIError.badRequest("排序方向必须是asc或desc") }
        try store.requireTaskExists(id)

        let url = directories.directory(id).fileURL(TaskLog.fileName)
        let all = try LogFileReader(url: url).allEntries()
        let keyword = nonEmpty(input.keyword)?.lowercased()
        var matching = all.filter { entry in
            if let level, entry.level != level { return false }
            if let step, entry.step != step { return false }
            if let logger = nonEmpty(input.loggerName), entry.logger != logger { return false }
            if let keyword, !entry.message.lowercased().contains(keyword) { return false }
            if from != nil || to != nil {
                guard let time = LocalTimestamp.parse(entry.timestamp) else { return false }
                if let from, time < from { return false }
                if let to, time > to { return false }
            }
            return true
        }
        if sortOrder == "desc" { matching.reverse() }
        let pageEntries = matching.dropFirst(window.offset).prefix(window.pageSize)
        let fileInfo = directories.directory(id).fileInfo(TaskLog.fileName)
        let payload = LogQueryPayload(
            taskId: id.rawValue, logs: pageEntries.map(QueriedLogEntry.init),
            pagination: Pagination(window, total: matching.count),
            logFileInfo: .init(exists: fileInfo != nil, fileSize: fileInfo?.size ?? 0,
                               fileSizeFormatted: SizeFormatter.format(fileInfo?.size ?? 0),
                               lastModified: fileInfo.map { LocalTimestamp.iso($0.modifiedAt) }, totalLines: all.count),
            queryTime: String(format: "%.3fs", Date().timeIntervalSince(started)))
        return Envelope.success(payload, response: "查询任务日志成功", now: clock())
    }

    private func parseLevel(_ text: String?) throws -> String? {
        guard let level = nonEmpty(text)?.uppercased() else { return nil }
        guard TaskLogsController.levels.contains(level) else {
            throw APIError.badRequest("日志级别必须是DEBUG、INFO、WARNING、ERROR、CRITICAL之一")
        }
        return level
    }

    private func parseTime(_ text: String, label: String) throws -> Date {
        guard let date = LocalTimestamp.parse(text) else {
            throw APIError.badRequest("\(label)格式无效，支持格式：YYYY-MM-DD HH:MM:SS 或 YYYY-MM-DD")
        }
        return date
    }
}
