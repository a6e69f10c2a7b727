import Foundation
import Logging
import PipelineCore

/// `DELETE /data_pipeline/tasks`: removes task directories (and, on request, the rows).
struct TaskDeletionController {
    let jsonBody: JSONBody
    let store: TaskStore
    /// A running task whose worker is lost is failed first, so that it can be deleted.
    let reaper: LostWorkerReaper
    let directories: TaskDirectories
    let clock: @Sendable () -> Date
    let logger: Logger
    static let maxBatch = 100

    func delete(_ context: RouteContext) throws -> HTTPResponse {
        let input = try jsonBody.decode(DeleteTasksInput.self, from: context.request)
        guard let rawIDs = input.taskIds else { throw APIError.missing("task_ids", "缺少必需参数: task_ids") }
        guard let confirm = input.confirm else { throw APIError.missing("confirm", "缺少必需参数: confirm") }
        guard confirm else { throw APIError.badRequest("confirm参数必须为true以确认删除操作") }
        guard !rawIDs.isEmpty, rawIDs.count <= TaskDeletionController.maxBatch else {
            throw APIError.badRequest("task_ids必须是非空的任务ID列表（最多\(TaskDeletionController.maxBatch)个）")
        }
        // Every id is checked before anything is touched: one hostile id refuses the whole request.
        let invalid = rawIDs.filter { TaskID($0) == nil }
        guard invalid.isEmpty else {
            throw APIError.badRequest("无效的任务ID: \(invalid.prefix(3).joined(separator: ", "))")
        }
        let ids = rawIDs.compactMap(TaskID.init)
        let deleteRows = input.deleteDatabaseRecords ?? false
        let continueOnError = input.continueOnError ?? true
        let now = clock()
        var deleted: [DeleteTasksPayload.DeletedTask] = []
        var failed: [DeleteTasksPayload.FailedTask] = []
        for id in ids {
            switch deleteOne(id, deleteRows: deleteRows, now: now) {
            case .success(let entry): deleted.append(entry)
            case .failure(let entry):
                failed.append(entry)
                if !continueOnError { break }
            }
            if !failed.isEmpty, !continueOnError { break }
        }
        let payload = DeleteTasksPayload(
            deletedTasks: deleted, failedTasks: failed,
            summary: .init(totalRequested: ids.count, successfullyDeleted: deleted.count, failed: failed.count),
            deletedAt: LocalTimestamp.iso(now))
        return Envelope.success(payload, response: responseText(deleted: deleted, failed: failed, requested: ids.count),
                                now: now)
    }

    private enum Outcome {
        case success(DeleteTasksPayload.DeletedTask)
        case failure(DeleteTasksPayload.FailedTask)
    }

    private func deleteOne(_ id: TaskID, deleteRows: Bool, now: Date) -> Outcome {
        do {
            // A running task whose worker is lost is failed first, so that it can be deleted. Whether the task runs
            // is decided by the guarded statement below, never by this read: it may come from the cache, and a
            // claim may commit in between.
            _ = try reaper.currentTask(id)
            let removal = deleteRows ? try store.deleteTask(id) : try store.markDirectoryDeleted(id, now: now)
            switch removal {
            case .done: break
            case .running:
                return .failure(.init(taskId: id.rawValue, error: "任务正在执行中，无法删除: \(id)", errorCode: "TASK_RUNNING"))
            case .notFound:
                return .failure(.init(taskId: id.rawValue, error: "任务不存在: \(id)", errorCode: "TASK_NOT_FOUND"))
            }
            // The row says the task is not running (and no claim can take a deleted row); only now the files go.
            let directory = directories.directory(id)
            var removed: (files: Int, bytes: Int64) = (0, 0)
            let hadDirectory = directory.exists
            if hadDirectory { removed = try directory.removeAll() }
            return .success(.init(
                taskId: id.rawValue, directoryDeleted: hadDirectory, databaseRecordsDeleted: deleteRows,
                deletedFilesCount: removed.files, deletedSize: SizeFormatter.format(removed.bytes),
                deletedAt: LocalTimestamp.iso(now), operationMessage: hadDirectory ? "目录删除成功" : "目录不存在，无需删除"))
        } catch PipelineError.taskNotFound {
            return .failure(.init(taskId: id.rawValue, error: "任务不存在: \(id)", errorCode: "TASK_NOT_FOUND"))
        } catch PipelineError.stateStoreUnavailable {
            return .failure(.init(taskId: id.rawValue, error: "状态数据库暂时无法连接", errorCode: "SERVICE_UNAVAILABLE"))
        } catch {
            logger.error("task deletion failed", metadata: ["task_id": "\(id)", "error": "\(error)"])
            return .failure(.init(taskId: id.rawValue, error: "删除操作失败", errorCode: "DELETE_FAILED"))
        }
    }

    private func responseText(deleted: [DeleteTasksPayload.DeletedTask], failed: [DeleteTasksPayload.FailedTask],
                              requested: Int) -> String {
        if requested == 1 {
            return deleted.first?.operationMessage ?? "任务删除失败: \(failed.first?.error ?? "")"
        }
        if failed.isEmpty {
            let removed = deleted.filter(\.directoryDeleted).count
            let missing = deleted.count - removed
            if missing == 0 { return "批量删除完成：成功删除\(removed)个目录" }
            if removed == 0 { return "批量操作完成：\(missing)个目录不存在，无需删除" }
            return "批量操作完成：\(removed)个目录已删除，\(missing)个目录不存在"
        }
        if deleted.isEmpty { return "批量删除失败：\(failed.count)个任务处理失败" }
        return "批量删除部分完成：成功\(deleted.count)个，失败\(failed.count)个"
    }
}
