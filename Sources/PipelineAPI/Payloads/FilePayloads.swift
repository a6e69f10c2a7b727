import PipelineCore

/// `POST …/table-list` answer.
struct TableListCreatedPayload: Encodable {
    var taskId: String
    var filename: String
    var tableCount: Int
    var uniqueTableCount: Int
    var originalCount: Int
    var fileSize: Int
    var fileSizeFormatted: String
    var createdTime: String
}

/// `POST …/upload-table-list` answer.
struct TableListUploadedPayload: Encodable {
    var taskId: String
    var filename: String
    var fileSize: Int
    var fileSizeFormatted: String
    var uploadTime: String
    var tableCount: Int
}

/// `GET …/table-list-info` answer. File names only, never server paths.
struct TableListInfoPayload: Encodable {
    var taskId: String
    var exists: Bool
    var hasFile: Bool
    var fileName: String
    var fileSize: Int64?
    var fileSizeFormatted: String?
    var uploadedAt: String?
    var createdAt: String?
    var tableCount: Int?
    var tableNames: [String]?
    var isReadable: Bool?
}

/// One file of `GET …/files`.
struct TaskFileItem: Encodable {
    var fileName: String
    var fileType: String
    var fileSize: Int64
    var fileSizeFormatted: String
    var createdAt: String
    var modifiedAt: String
    var isReadable: Bool

    init(_ info: TaskFileInfo) {
        fileName = info.name
        fileType = info.fileType
        fileSize = info.size
        fileSizeFormatted = SizeFormatter.format(info.size)
        createdAt = LocalTimestamp.iso(info.createdAt)
        modifiedAt = LocalTimestamp.iso(info.modifiedAt)
        isReadable = info.isReadable
    }
}

/// `GET …/files` answer.
struct TaskFilesPayload: Encodable {
    var taskId: String
    var files: [TaskFileItem]
    var directoryInfo: DirectoryInfo

    struct DirectoryInfo: Encodable {
        var exists: Bool
        var totalFiles: Int
        var totalSize: Int64
        var totalSizeFormatted: String
    }
}

/// `POST …/files` answer when the file was stored.
struct FileUploadedPayload: Encodable {
    var success = true
    var taskId: String
    var uploadedFile: UploadedFile
    var backupInfo: BackupInfo?

    struct UploadedFile: Encodable {
        var filename: String
        var size: Int64
        var sizeFormatted: String
        var uploadedAt: String
        var overwriteMode: String
    }

    struct BackupInfo: Encodable {
        var hadExistingFile = true
        var backupFilename: String
        var backupVersion: Int
        var backupCreatedAt: String
    }
}

/// `POST …/files` answer in `skip` mode when the name exists.
struct FileSkippedPayload: Encodable {
    var success = true
    var skipped = true
    var message: String
    var taskId: String
    var uploadedFile: SkippedFile

    struct SkippedFile: Encodable {
        var filename: String
        var existed = true
        var action = "skipped"
    }
}
