import Foundation
import PipelineCore

/// Submitting and inspecting a task's table list.
struct TableListController {
    let jsonBody: JSONBody
    let store: TaskStore
    let directories: TaskDirectories
    /// Uploaded table lists are small text files (`APISettings.maxTableListBytes`).
    let maxTableListBytes: Int
    let clock: @Sendable () -> Date

    /// `POST …/table-list` with `{"tables": "a,b"}` or `{"tables": ["a", "b"]}`.
    func submit(_ context: RouteContext) throws -> HTTPResponse {
        let id = try context.taskID()
        let input = try jsonBody.decode(TableListInput.self, from: context.request)
        try store.requireTaskExists(id)
        let parser = TableListParser()
        let result: TableListParser.Result
        switch input.tables {
        case nil: throw APIError.missing("tables")
        case .text(let text): result = parser.parse(commaSeparated: text)
        case .list(let names): result = parser.parse(names: names)
        }
        let valid = try TableListFile.validated(result)
        let now = clock()
        let directory = directories.directory(id)
        let size = try TableListFile.write(valid, to: directory, now: now)
        let payload = TableListCreatedPayload(
            taskId: id.rawValue, filename: TableListFile.fileName.rawValue, tableCount: valid.tables.count,
            uniqueTableCount: valid.tables.count, originalCount: valid.originalCount, fileSize: size,
            fileSizeFormatted: SizeFormatter.format(size), createdTime: LocalTimestamp.iso(now))
        return Envelope.success(payload, response: "表清单已成功创建，包含 \(valid.tables.count) 个表", now: now)
    }

    /// `POST …/upload-table-list`, multipart field `file`: a `.txt` list in UTF-8 or GBK, stored as UTF-8.
    func upload(_ context: RouteContext) throws -> HTTPResponse {
        let id = try context.taskID()
        try store.requireTaskExists(id)
        let directory = directories.directory(id)
        let form = try UploadForm.read(context.request, into: directory, maxFileBytes: maxTableListBytes)
        defer { form.discardTemporaryFiles() }
        guard let file = form.file(named: "file") else { throw APIError.missing("file", "请选择要上传的表清单文件") }
        let name = try UploadForm.safeName(of: file)
        guard name.lastExtension == "txt" else { throw APIError.badRequest("不支持的文件类型，仅支持: .txt") }
        guard file.size > 0 else { throw APIError.badRequest("文件为空，请选择有效的表清单文件") }
        let bytes = try Array(Data(contentsOf: file.temporaryFile))
        guard let text = TextDecoding.utf8OrGBK(bytes) else {
            throw APIError.badRequest("文件编码错误，请确保文件为UTF-8或GBK格式")
        }
        let valid = try TableListFile.validated(TableListParser().parse(text: text), source: .uploadedFile)
        let size = try TableListFile.write(text: text, to: directory)
        let now = clock()
        let payload = TableListUploadedPayload(
            taskId: id.rawValue, filename: TableListFile.fileName.rawValue, fileSize: size,
            fileSizeFormatted: SizeFormatter.format(size), uploadTime: LocalTimestamp.iso(now),
            tableCount: valid.tables.count)
        return Envelope.success(payload, response: "表清单文件上传成功", now: now)
    }

    /// `GET …/table-list-info`
    func info(_ context: RouteContext) throws -> HTTPResponse {
        let id = try context.taskID()
        try store.requireTaskExists(id)
        let directory = directories.directory(id)
        var payload = TableListInfoPayload(taskId: id.rawValue, exists: false, hasFile: false,
                                           fileName: TableListFile.fileName.rawValue)
        if let info = directory.fileInfo(TableListFile.fileName) {
            let parsed = TableListFile.read(from: directory)
            payload.exists = true
            payload.hasFile = true
            payload.fileSize = info.size
            payload.fileSizeFormatted = SizeFormatter.format(info.size)
            payload.uploadedAt = LocalTimestamp.iso(info.modifiedAt)
            payload.createdAt = LocalTimestamp.iso(info.createdAt)
            payload.tableNames = parsed?.tables.map(\.description) ?? []
            payload.tableCount = payload.tableNames?.count ?? 0
            payload.isReadable = info.isReadable
        }
        return Envelope.success(payload, response: "获取表清单文件信息成功", now: clock())
    }
}
