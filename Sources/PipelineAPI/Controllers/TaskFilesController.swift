import Foundation
import PipelineCore

/// Listing, downloading and uploading a task's files.
struct TaskFilesController {
    let store: TaskStore
    let directories: TaskDirectories
    let maxUploadBytes: Int
    /// nginx's internal location for downloads (`X-Accel-Redirect`); nil streams the file through the responder.
    let accelRedirectPrefix: String?
    let clock: @Sendable () -> Date
    static let uploadExtensions: Set<String> = ["ddl", "md", "txt", "json", "sql", "csv"]

    /// `GET …/files`: top-level files, newest first.
    func list(_ context: RouteContext) throws -> HTTPResponse {
        let id = try context.taskID()
        try store.requireTaskExists(id)
        let directory = directories.directory(id)
        let files = directory.listFiles()
        let total = files.reduce(Int64(0)) { $0 + $1.size }
        let payload = TaskFilesPayload(
            taskId: id.rawValue, files: files.map(TaskFileItem.init),
            directoryInfo: .init(exists: directory.exists, totalFiles: files.count, totalSize: total,
                                 totalSizeFormatted: SizeFormatter.format(total)))
        return Envelope.success(payload, response: "获取任务文件列表成功", now: clock())
    }

    /// `GET …/files/{file_name}`: handed to nginx (`X-Accel-Redirect`) when configured, else streamed.
    func download(_ context: RouteContext) throws -> HTTPResponse {
        let id = try context.taskID()
        let name = try context.fileName()
        try store.requireTaskExists(id)
        let directory = directories.directory(id)
        // Internal files (upload lock, temporary uploads) are not part of the task's files.
        guard !name.rawValue.hasPrefix(TaskDirectory.internalPrefix), let info = directory.fileInfo(name) else {
            throw PipelineError.fileNotFound(name.rawValue)
        }
        guard info.isReadable else { throw APIError.badRequest("文件不可读: \(name)") }
        var headers = [
            ("Content-Type", DownloadHeaders.contentType(for: name)),
            ("Content-Disposition", DownloadHeaders.attachment(name.rawValue)),
            ("X-Content-Type-Options", "nosniff"),
        ]
        if let prefix = accelRedirectPrefix {
            headers.append(("X-Accel-Redirect", prefix + id.rawValue + "/" + DownloadHeaders.percentEncoded(name.rawValue)))
            return HTTPResponse(status: 200, headers: headers)
        }
        headers.append(("Content-Length", String(info.size)))
        return HTTPResponse(status: 200, headers: headers, body: .file(directory.fileURL(name), size: info.size))
    }

    /// `POST …/files`: multipart `file` and `overwrite_mode` (`backup` default, `replace`, `skip`).
    func upload(_ context: RouteContext) throws -> HTTPResponse {
        let id = try context.taskID()
        try store.requireTaskExists(id)
        let directory = directories.directory(id)
        let maxBytes = maxUploadBytes
        let form = try UploadForm.read(context.request, into: directory, maxFileBytes: maxBytes)
        defer { form.discardTemporaryFiles() }
        let modeText = nonEmpty(form.fields["overwrite_mode"]) ?? OverwriteMode.backup.rawValue
        guard let mode = OverwriteMode(rawValue: modeText) else {
            throw APIError.badRequest("无效的overwrite_mode参数: \(modeText)，支持的值: backup, replace, skip")
        }
        guard let file = form.file(named: "file") else { throw APIError.missing("file", "请选择要上传的文件") }
        let name = try UploadForm.safeName(of: file)
        guard TaskFilesController.uploadExtensions.contains(name.lastExtension) else {
            let allowed = TaskFilesController.uploadExtensions.sorted().map { ".\($0)" }.joined(separator: ", ")
            let shown = name.lastExtension.isEmpty ? "（无扩展名）" : ".\(name.lastExtension)"
            throw APIError.badRequest("不支持的文件类型: \(shown)，允许的类型: \(allowed)")
        }
        guard file.size > 0 else { throw APIError.badRequest("文件为空") }
        if name.rawValue == SemanticModelFile.fileName {
            try Self.validateSemanticModel(at: file.temporaryFile, directory: directory)
        }
        let now = clock()
        switch try directory.storeUpload(from: file.temporaryFile, as: name, mode: mode, now: now) {
        case .skipped:
            let text = "文件已存在，跳过上传: \(name)"
            let payload = FileSkippedPayload(message: text, taskId: id.rawValue, uploadedFile: .init(filename: name.rawValue))
            return Envelope.success(payload, response: text, now: now)
        case .stored(let size, let backup):
            let payload = FileUploadedPayload(
                taskId: id.rawValue,
                uploadedFile: .init(filename: name.rawValue, size: size, sizeFormatted: SizeFormatter.format(size),
                                    uploadedAt: LocalTimestamp.iso(now), overwriteMode: mode.rawValue),
                backupInfo: backup.map {
                    .init(backupFilename: $0.fileName, backupVersion: $0.version,
                          backupCreatedAt: LocalTimestamp.iso($0.createdAt))
                })
            return Envelope.success(payload, response: "文件上传成功", now: now)
        }
    }
}

extension TaskFilesController {
    /// An uploaded semantic model must decode and agree with the task's table documents (tables and columns that
    /// exist, relationships between tables of the model); otherwise 400 naming the JSON path, and nothing is stored.
    static func validateSemanticModel(at url: URL, directory: TaskDirectory) throws {
        let data = try Data(contentsOf: url)
        let documents = TableDocumentReader.readAll(in: directory).tables
        do {
            _ = try SemanticModelFile.decode(data, documents: documents.isEmpty ? nil : documents)
        } catch {
            throw APIError.badRequest("语义模型校验失败: \(error.path): \(error.problem)")
        }
    }
}
