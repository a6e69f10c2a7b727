import PipelineCore

extension TaskStore {
    /// A 404 (`任务不存在: <id>`) unless the task exists; for routes that read only the task's files.
    func requireTaskExists(_ id: TaskID) throws {
        guard try taskExists(id) else { throw PipelineError.taskNotFound(id) }
    }
}
