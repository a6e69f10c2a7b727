import Foundation
import Logging
import PipelineCore

/// Starting and cancelling executions. Everything that can be checked is checked before a worker is launched.
struct ExecutionController {
    let jsonBody: JSONBody
    let store: TaskStore
    /// Execute and cancel act on the task as it really is: a lost worker's execution is failed first.
    let reaper: LostWorkerReaper
    /// A task created before the policy (or under a wider one) may name a database it no longer allows.
    let connectionPolicy: BusinessConnectionPolicy
    let directories: TaskDirectories
    /// Every execution goes through the queue; the dispatcher starts what this host has room for.
    let queue: ExecutionQueue
    let dispatcher: ExecutionDispatcher
    /// This machine's name: a cancel signals the worker only when it runs here.
    let hostName: String
    let clock: @Sendable () -> Date
    let logger: Logger

    /// `POST …/execute` → 202 with the new execution id.
    func execute(_ context: RouteContext) throws -> HTTPResponse {
        let id = try context.taskID()
        let input = try jsonBody.decode(ExecuteInput.self, from: context.request, allowEmpty: true)
        let task = try reaper.currentTask(id)
        let modeText = nonEmpty(input.executionMode) ?? ExecutionMode.complete.rawValue
        guard let mode = ExecutionMode(rawValue: modeText) else {
            throw APIError.badRequest("无效的执行模式，必须是 'complete'、'step' 或 'refresh'")
        }
        var step: StepName?
        if mode == .step {
            guard let stepText = nonEmpty(input.stepName) else {
                throw APIError.missing("step_name", "步骤执行模式需要指定step_name")
            }
            guard let parsed = StepName(rawValue: stepText) else {
                let names = StepName.allCases.map(\.rawValue).joined(separator: ", ")
                throw APIError.badRequest("无效的步骤名称，支持的步骤: \(names)")
            }
            step = parsed
        }
        guard task.status != .inProgress else { throw APIError(.conflict, "任务正在执行中: \(id)") }
        // A task created before the policy (or under a wider one) may name a database it no longer allows.
        try connectionPolicy.check(task.parameters.dbConnection)
        let directory = directories.directory(id)
        if mode == .refresh { try RefreshInputs.check(directory) }
        guard directory.fileInfo(TableListFile.fileName) != nil else {
            throw APIError.badRequest("表清单文件不存在，请先提交表清单")
        }
        if let step, let missing = StepInputs.missingInput(for: step, in: directory) {
            throw APIError.badRequest(missing)
        }
        // The vector flags only matter to training_load; in step mode for another step they are ignored.
        let flags = mode == .step && step != .trainingLoad ? VectorFlags() : VectorFlags(
            backupVectorTables: input.backupVectorTables ?? false,
            truncateVectorTables: input.truncateVectorTables ?? false,
            skipTraining: input.skipTraining ?? false)

        // The worker writes its log and files here: refuse now, not with a task left claimed by a worker that
        // cannot start.
        try directory.checkWritable()

        let now = clock()
        let executionID = WorkerLaunch.newExecutionID(for: id, now: now)
        let execution = QueuedExecution(taskID: id, executionID: executionID, mode: mode, step: step, vectorFlags: flags)
        guard try queue.enqueue(execution, now: now) else {
            throw APIError(.conflict, "任务正在执行中: \(id)")
        }
        try directory.create()
        let place = try startQueued(execution)
        logger.info(place == nil ? "execution started" : "execution queued", metadata: [
            "task_id": "\(id)", "execution_id": "\(executionID)", "mode": "\(mode.rawValue)", "step": "\(step?.rawValue ?? "-")",
            "queue_position": "\(place.map { String($0.position) } ?? "-")",
        ])
        let payload = ExecutionStartedPayload(taskId: id.rawValue, executionMode: mode.rawValue, stepName: step?.rawValue,
                                              executionId: executionID, queue: place.map(QueuePayload.init))
        return Envelope.success(payload, response: place == nil ? "任务执行已启动" : "任务已排队，将在有空闲执行进程时启动",
                                status: 202, now: now)
    }

    /// Starts what this host has room for (the oldest queued executions first, which need not be this one) and
    /// answers where `execution` stands: nil once a worker started it (here or on another host).
    /// A dispatch that fails (the database went away) leaves the execution queued: the sweep starts it later.
    private func startQueued(_ execution: QueuedExecution) throws -> QueuePlace? {
        let events: [ExecutionDispatcher.Event]
        do {
            events = try dispatcher.dispatch(using: queue)
        } catch {
            logger.warning("dispatch after execute failed; the queue sweep will start it", metadata: ["error": "\(error)"])
            events = []
        }
        for event in events {
            switch event {
            case .launchFailed(_, let failedID, let error) where failedID == execution.executionID:
                if let storage = StorageError(classifying: error, operation: "open the task log for the worker") { throw storage }
                throw PipelineError.internalFailure("worker launch failed: \(error)")
            default:
                ExecutionDispatchLog(logger: logger).record(event)
            }
        }
        return try queue.place(of: execution.taskID)
    }

    /// `POST …/cancel`: records the request (any responder host sees it) and signals a worker on this host.
    func cancel(_ context: RouteContext) throws -> HTTPResponse {
        let id = try context.taskID()
        _ = try reaper.currentTask(id)
        let now = clock()
        // A queued execution has no worker yet: it is taken out of the queue and failed as cancelled.
        if let queuedID = try queue.cancelQueued(id, message: ExecutionCancelled.message, now: now) {
            logger.info("queued execution cancelled", metadata: ["task_id": "\(id)", "execution_id": "\(queuedID)"])
            let payload = CancelPayload(taskId: id.rawValue, executionId: queuedID, signalSent: false)
            return Envelope.success(payload, response: "已取消排队中的执行", now: now)
        }
        guard let worker = try store.requestCancel(id, now: now) else {
            throw APIError(.conflict, "任务未在执行中，无需取消: \(id)")
        }
        var signalled = false
        if let pid = worker.pid, pid > 1, worker.host == hostName {
            // The worker leads its own session and process group: signal the group, so helpers it started stop too.
            signalled = kill(-pid, SIGTERM) == 0 || kill(pid, SIGTERM) == 0
        }
        let payload = CancelPayload(taskId: id.rawValue, executionId: worker.executionID, signalSent: signalled)
        return Envelope.success(payload, response: "已发送取消请求，任务将在当前处理单元结束后停止", now: now)
    }
}
