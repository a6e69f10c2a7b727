import Foundation

/// One regular file of a task directory, as the files route lists it.
public struct TaskFileInfo: Sendable, Equatable {
    public var name: String
    public var size: Int64
    public var createdAt: Date
    public var modifiedAt: Date
    public var isReadable: Bool

    /// `ddl`, `sql`, `markdown`, `json`, `text`, `log` or `other`, by the last extension.
    public var fileType: String { TaskFileInfo.fileType(forName: name) }

    public static func fileType(forName name: String) -> String {
        switch SafeFileName(name)?.lastExtension ?? "" {
        case "ddl": return "ddl"
        case "sql": return "sql"
        case "md", "markdown": return "markdown"
        case "json": return "json"
        case "txt": return "text"
        case "log": return "log"
        default: return "other"
        }
    }
}

/// How an upload treats a file of the same name.
public enum OverwriteMode: String, CaseIterable, Sendable {
    case backup
    case replace
    case skip
}

/// What storing an upload did.
public enum UploadOutcome: Sendable, Equatable {
    case skipped
    case stored(size: Int64, backup: UploadBackup?)
}

/// The previous version kept by a `backup`-mode upload.
public struct UploadBackup: Sendable, Equatable {
    public var fileName: String
    public var version: Int
    public var createdAt: Date
}
