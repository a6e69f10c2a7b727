import Foundation

/// One task's directory: the only place the service reads or writes a task's files.
///
/// Every name passes through `SafeFileName`, and the directory itself is `<root>/<TaskID>`, so no path built here
/// can leave the directory. Internal files (temporary uploads, the upload lock) start with `.dp-` and are not listed.
/// File-system failures of the directory itself (unwritable, read-only, full) are thrown as `StorageError`.
public struct TaskDirectory: Sendable {
    public static let internalPrefix = ".dp-"
    public static let maxBackupVersion = 1000

    public let url: URL
    public let taskID: TaskID

    public init(root: URL, taskID: TaskID) {
        self.taskID = taskID
        url = root.appendingPathComponent(taskID.rawValue, isDirectory: true)
    }

    public var exists: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    public func create() throws {
        try StorageError.translating("create \(url.path)") {
            do {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            } catch where FileStatus.exists(at: url.path) && !exists {
                // Something that is not a directory holds the task directory's name.
                throw POSIXError(.ENOTDIR)
            }
        }
    }

    /// Creates the directory if needed and proves a new file can be made in it (a probe created exclusively and
    /// removed at once), so work that will write here is refused before it starts. `access(2)` would not do: root
    /// passes it whatever the permission bits say.
    public func checkWritable() throws {
        try create()
        let probe = url.appendingPathComponent("\(TaskDirectory.internalPrefix)probe-\(UUID().uuidString)")
        let descriptor = open(probe.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let code = errno
            throw StorageError(classifying: POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO), operation: "probe \(url.path)")
                ?? StorageError(.unusable(code), detail: "probe \(url.path)")
        }
        close(descriptor)
        unlink(probe.path)
    }

    public func fileURL(_ name: SafeFileName) -> URL {
        url.appendingPathComponent(name.rawValue, isDirectory: false)
    }

    /// The regular file's metadata, or nil when there is no regular file of that name.
    public func fileInfo(_ name: SafeFileName) -> TaskFileInfo? {
        FileStatus.regularFile(at: fileURL(name).path).map { status in
            TaskFileInfo(name: name.rawValue, size: status.size, createdAt: status.changedAt,
                         modifiedAt: status.modifiedAt, isReadable: status.isReadable)
        }
    }

    /// Top-level regular files, newest modification first (internal files left out).
    public func listFiles() -> [TaskFileInfo] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { return [] }
        return names
            .filter { !$0.hasPrefix(TaskDirectory.internalPrefix) }
            .compactMap { SafeFileName($0).flatMap(fileInfo) }
            .sorted { ($0.modifiedAt, $1.name) > ($1.modifiedAt, $0.name) }
    }

    /// Writes the file through a temporary file and a rename, so readers never see half of it.
    public func writeAtomically(_ data: Data, to name: SafeFileName) throws {
        try create()
        let temporary = url.appendingPathComponent("\(TaskDirectory.internalPrefix)\(UUID().uuidString).tmp")
        try StorageError.translating("write \(fileURL(name).path)") {
            do {
                try data.write(to: temporary, options: .withoutOverwriting)
                try FileRename.rename(temporary, to: fileURL(name))
            } catch {
                try? FileManager.default.removeItem(at: temporary)
                throw error
            }
        }
    }

    /// A directory for streaming an upload into before it is stored (the task directory itself, so the final
    /// rename stays on one file system).
    public func temporaryUploadDirectory() throws -> URL {
        try create()
        return url
    }

    /// Moves an uploaded temporary file to `name` following `mode`. Uploads of one task are serialised by an
    /// exclusive lock, so concurrent `backup` uploads of one name each keep the version they replace.
    public func storeUpload(from temporary: URL, as name: SafeFileName, mode: OverwriteMode, now: Date) throws -> UploadOutcome {
        try StorageError.translating("store upload \(fileURL(name).path)") {
            try storeLocked(from: temporary, as: name, mode: mode, now: now)
        }
    }

    private func storeLocked(from temporary: URL, as name: SafeFileName, mode: OverwriteMode, now: Date) throws -> UploadOutcome {
        let lock = try DirectoryLock(url.appendingPathComponent("\(TaskDirectory.internalPrefix)upload.lock"))
        defer { lock.release() }
        if let twin = lookAlike(of: name) {
            try? FileManager.default.removeItem(at: temporary)
            throw PipelineError.fileNameUnicodeTwin(existing: "\(twin)", requested: "\(name)")
        }
        let target = fileURL(name)
        let size = FileStatus.regularFile(at: temporary.path)?.size ?? 0
        let targetExists = FileStatus.exists(at: target.path)
        var backup: UploadBackup?
        if targetExists {
            switch mode {
            case .skip:
                try? FileManager.default.removeItem(at: temporary)
                return .skipped
            case .replace:
                break
            case .backup:
                backup = try keepPreviousVersion(of: name, now: now)
            }
        }
        try FileRename.rename(temporary, to: target)
        return .stored(size: size, backup: backup)
    }

    /// Removes the whole directory; returns how many files and bytes it held.
    public func removeAll() throws -> (files: Int, bytes: Int64) {
        var files = 0
        var bytes: Int64 = 0
        if let enumerator = FileManager.default.enumerator(atPath: url.path) {
            for case let relative as String in enumerator {
                if (relative as NSString).lastPathComponent.hasPrefix(TaskDirectory.internalPrefix) { continue }
                if let status = FileStatus.regularFile(at: url.appendingPathComponent(relative).path) {
                    files += 1
                    bytes += status.size
                }
            }
        }
        try StorageError.translating("remove \(url.path)") { try FileManager.default.removeItem(at: url) }
        return (files, bytes)
    }

    /// Hard-links the current file to `<name>_bak<N>` with the smallest free N; `link(2)` fails rather than
    /// overwrite, so a version is never lost even if another process picks the same N.
    private func keepPreviousVersion(of name: SafeFileName, now: Date) throws -> UploadBackup {
        for version in 1...TaskDirectory.maxBackupVersion {
            guard let backupName = SafeFileName("\(name.rawValue)_bak\(version)") else { break }
            if FileStatus.exists(at: fileURL(backupName).path) { continue }
            if link(fileURL(name).path, fileURL(backupName).path) == 0 {
                return UploadBackup(fileName: backupName.rawValue, version: version, createdAt: now)
            }
            if errno != EEXIST { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        }
        throw PipelineError.uploadBackupVersionsExhausted
    }
}
