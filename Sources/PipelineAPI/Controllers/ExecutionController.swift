import Foundation
import PipelineCore

/// Starting and cancelling executions. Everything that can be checked is checked before a worker is launched.
struct ExecutionController {
    let services: APIServices

    /// `POST …/execute` → 202 with the new execution id.
    func execute(_ context: RouteContext) throws -> HTTPResponse {
        let id = try context.taskID()
        let input = try services.jsonBody.decode(ExecuteInput.self, from: context.request, allowEmpty: true)
        let task = try services.currentTask(id)
        let modeText = nonEmpty(input.executionMode) ?? ExecutionMode.complete.rawValue
        guard let mode = ExecutionMode(rawValue: modeText) else {
            throw APIError.badRequest("无效的执行模式，必须是 'complete' 或 'step'")
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
        try services.settings.connectionPolicy.check(task.parameters.dbConnection)
        let directory = services.taskDirectory(id)
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

        let now = services.clock()
        let executionID = WorkerLaunch.newExecutionID(for: id, now: now)
        guard try services.store.claim(id, executionID: executionID, mode: mode, now: now) else {
            throw APIError(.conflict, "任务正在执行中: \(id)")
        }
        try directory.create()
        let launch = WorkerLaunch(taskID: id, executionID: executionID, mode: mode, step: step, vectorFlags: flags,
                                  logFile: directory.fileURL(TaskLogsController.logFileName))
        do {
            try services.launcher.launch(launch)
        } catch {
            _ = try? services.store.failExecution(id, executionID: executionID, ifHeartbeatAt: nil, message: "启动执行进程失败", now: services.clock())
            if let storage = StorageError(classifying: error, operation: "open the task log for the worker") { throw storage }
            throw PipelineError.internalFailure("worker launch failed: \(error)")
        }
        services.logger.info("execution started", metadata: [
            "task_id": "\(id)", "execution_id": "\(executionID)", "mode": "\(mode.rawValue)", "step": "\(step?.rawValue ?? "-")",
        ])
        let payload = ExecutionStartedPayload(taskId: id.rawValue, executionMode: mode.rawValue, stepName: step?.rawValue,
                                              executionId: executionID)
        return Envelope.success(payload, response: "任务执行已启动", status: 202, now: now)
    }

    /// `POST …/cancel`: records the request (any responder host sees it) and signals a worker on this host.
    func cancel(_ context: RouteContext) throws -> HTTPResponse {
        let id = try context.taskID()
        _ = try services.currentTask(id)
        let now = services.clock()
        guard let worker = try services.store.requestCancel(id, now: now) else {
            throw APIError(.conflict, "任务未在执行中，无需取消: \(id)")
        }
        var signalled = false
        if let pid = worker.pid, pid > 1, worker.host == services.liveness.hostName {
            // The worker leads its own session and process group: signal the group, so helpers it started stop too.
            signalled = kill(-pid, SIGTERM) == 0 || kill(pid, SIGTERM) == 0
        }
        let payload = CancelPayload(taskId: id.rawValue, executionId: worker.executionID, signalSent: signalled)
        return Envelope.success(payload, response: "已发送取消请求，任务将在当前处理单元结束后停止", now: now)
    }
}

struct ExecutionStartedPayload: Encodable {
    var taskId: String
    var executionMode: String
    @Nullable var stepName: String?
    var message = "任务正在后台执行，请通过状态接口查询进度"
    var executionId: String
}

struct CancelPayload: Encodable {
    var taskId: String
    @Nullable var executionId: String?
    var signalSent: Bool
}
