import Foundation
import PipelineCore

/// Multipart uploads into a task directory: limits checked before and while streaming, temporary files inside the
/// task directory only, client file names checked by the file-name rules.
enum UploadForm {
    /// Room for multipart headers and small fields on top of the file limit.
    static let envelopeAllowance = 64 * 1024

    static func read(_ request: HTTPRequest, into directory: TaskDirectory, maxFileBytes: Int) throws -> MultipartForm {
        if let length = request.contentLength, length > maxFileBytes + envelopeAllowance {
            throw APIError(.payloadTooLarge, "文件大小超出限制，最大允许: \(SizeFormatter.format(maxFileBytes))")
        }
        let boundary = try MultipartReader.boundary(fromContentType: request.contentType)
        let reader = MultipartReader(boundary: boundary, limits: MultipartLimits(maxFileBytes: maxFileBytes))
        let form = try reader.read(from: request.body, temporaryDirectory: try directory.temporaryUploadDirectory())
        if let name = form.repeatedName {
            form.discardTemporaryFiles()
            throw APIError.badRequest("表单字段重复: \(name)，每个字段只能提交一次")
        }
        if let field = form.fields.keys.sorted().first(where: { TextInputRule.isRefused(form.fields[$0] ?? "") }) {
            form.discardTemporaryFiles()
            throw TextInputRule.refusal(field: field)
        }
        return form
    }

    /// The client's file name if it passes the rules; otherwise 400 `文件名包含不安全字符`.
    static func safeName(of file: MultipartFile) throws -> SafeFileName {
        guard !file.rawFileName.isEmpty else { throw APIError.badRequest("请选择有效的文件") }
        guard let text = file.fileName, let name = SafeFileName(text) else {
            let shown = String(decoding: file.rawFileName, as: UTF8.self)
            throw APIError.badRequest("文件名包含不安全字符: \(shown)")
        }
        guard !text.hasPrefix(TaskDirectory.internalPrefix) else {
            throw APIError.badRequest("文件名不能以 \(TaskDirectory.internalPrefix) 开头（系统保留）: \(text)")
        }
        return name
    }
}

extension MultipartForm {
    /// Deletes temporary files that were not moved into place.
    func discardTemporaryFiles() {
        for file in files { try? FileManager.default.removeItem(at: file.temporaryFile) }
    }
}
