import Foundation
import Logging
import PipelineCore

/// Creating a task and reading its status.
struct TaskController {
    let jsonBody: JSONBody
    let store: TaskStore
    /// A status read fails a lost worker's execution first: the answer is the task as it really is.
    let reaper: LostWorkerReaper
    let directories: TaskDirectories
    let businessDatabases: BusinessDatabaseResolver
    /// Where the deprecated `table_list_file` may point; nil refuses it.
    let tableListDirectory: URL?
    let maxTableListBytes: Int
    let clock: @Sendable () -> Date
    let logger: Logger
    /// Where a task waiting for a worker slot stands in the queue.
    let queue: ExecutionQueue
    /// This thread's last status envelope per task, reused while the task is unchanged.
    let statusMemo = EnvelopeMemo<TaskID, PipelineTask>(capacity: 256)

    /// `POST /data_pipeline/tasks` → 201.
    func create(_ context: RouteContext) throws -> HTTPResponse {
        let input = try jsonBody.decode(CreateTaskInput.self, from: context.request)
        let now = clock()
        try TextLimits.check(input.taskName, field: "task_name", limit: TextLimits.taskName)
        try TextLimits.check(input.businessContext, field: "business_context", limit: TextLimits.businessContext)
        try TextLimits.check(input.dbName, field: "db_name", limit: TextLimits.dbName)
        try TextLimits.check(input.dbConnection, field: "db_connection", limit: TextLimits.dbConnection)
        let connection = try connectionURL(input)
        let dbName = nonEmpty(input.dbName) ?? DatabaseURL.databaseName(connection)
        let presetTableList = try nonEmpty(input.tableListFile).map(readServerTableList)
        let parameters = TaskParameters(
            dbConnection: connection,
            businessContext: nonEmpty(input.businessContext) ?? TaskParameters.defaultBusinessContext,
            tableListFile: nonEmpty(input.tableListFile) ?? TaskParameters.uploadModeTableListFile,
            fileUploadMode: presetTableList == nil,
            enableSQLValidation: input.enableSqlValidation ?? true,
            enableLLMRepair: input.enableLlmRepair ?? true,
            modifyOriginalFile: input.modifyOriginalFile ?? true,
            enableTrainingDataLoad: input.enableTrainingDataLoad ?? true
        )
        let createdBy = nonEmpty(context.request.remoteUser) ?? "guest"
        let task = try store.createTask(
            NewTask(name: input.taskName, parameters: parameters, dbName: dbName, createdBy: createdBy), now: now)
        let directory = directories.directory(task.id)
        try directory.create()
        if let presetTableList {
            try TableListFile.write(presetTableList, to: directory, now: now)
        }
        let uploadMode = presetTableList == nil
        let payload = TaskCreatedPayload(
            taskId: task.id.rawValue, taskName: task.name, status: task.status.rawValue,
            createdAt: LocalTimestamp.iso(task.createdAt),
            fileUploadMode: uploadMode ? true : nil,
            nextStep: uploadMode ? "POST /api/v0/data_pipeline/tasks/\(task.id.rawValue)/upload-table-list" : nil)
        logger.info("task created", metadata: ["task_id": "\(task.id)", "created_by": "\(createdBy)"])
        return Envelope.success(payload, response: uploadMode ? "任务创建成功，请上传表清单文件后再执行任务" : "任务创建成功",
                                status: 201, now: now)
    }

    /// `GET /data_pipeline/tasks/{task_id}`.
    func status(_ context: RouteContext) throws -> HTTPResponse {
        let task = try reaper.currentTask(try context.taskID())
        let now = clock()
        // Accepted but no worker yet: it may be waiting in the queue, whose place changes without the task changing.
        if task.status == .inProgress, task.worker?.host == nil, let place = try queue.place(of: task.id) {
            return Envelope.rendered(TaskStatusPayload(task, queue: place), response: "获取任务状态成功", now: now).response
        }
        return statusMemo.response(for: task.id, value: task, now: now) {
            Envelope.rendered(TaskStatusPayload($0), response: "获取任务状态成功", now: now)
        }
    }

    /// The business database URL: the request's, else the configured default with `db_name` as its database.
    private func connectionURL(_ input: CreateTaskInput) throws -> String {
        let url = try businessDatabases.url(requested: input.dbConnection)
        guard nonEmpty(input.dbConnection) == nil, let dbName = nonEmpty(input.dbName) else { return url }
        return DatabaseURL.replacingDatabase(in: url, with: dbName)
    }

    /// The deprecated `table_list_file`: a server path, read once at creation and copied into the task so the task
    /// never depends on it again. Reading server files on a client's word is dangerous, so it is accepted only
    /// inside the operator's `DP_TABLE_LIST_DIR`, and errors never echo the file's content.
    private func readServerTableList(_ path: String) throws -> TableListParser.Result {
        guard let allowed = tableListDirectory else {
            throw APIError.badRequest("table_list_file参数已废弃，请创建任务后通过 table-list 或 upload-table-list 接口提交表清单")
        }
        let absolute = path.hasPrefix("/") ? path : allowed.path + "/" + path
        let resolved = URL(fileURLWithPath: absolute).standardizedFileURL.resolvingSymlinksInPath()
        let root = allowed.standardizedFileURL.resolvingSymlinksInPath().path
        guard resolved.path.hasPrefix(root.hasSuffix("/") ? root : root + "/"),
              let data = FileManager.default.contents(atPath: resolved.path),
              data.count <= maxTableListBytes else {
            throw APIError.badRequest("表清单文件不存在或不可读（只允许服务器配置的表清单目录中的文件）")
        }
        guard let text = TextDecoding.utf8OrGBK(Array(data)) else {
            throw APIError.badRequest("文件编码错误，请确保文件为UTF-8或GBK格式")
        }
        let parsed = TableListParser().parse(text: text)
        guard parsed.invalidNames.isEmpty else {
            throw APIError.badRequest("表清单文件包含 \(parsed.invalidNames.count) 个无效的表名")
        }
        return try TableListFile.validated(parsed, source: .serverFile)
    }
}
