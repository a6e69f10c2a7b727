import Foundation
import PipelineCore

/// A `vector_bak/` directory: the global one under the tasks root, or a task's.
struct BackupLocation {
    let url: URL
    let relativePath: String
    let taskID: String?

    /// For a backup (`mustExist`: the task's directory must exist) or a listing.
    init(taskID rawID: String?, directories: TaskDirectories, mustExist: Bool) throws {
        let root = directories.root
        guard let rawID else {
            url = root.appendingPathComponent(VectorBackupLog.directoryName, isDirectory: true)
            relativePath = VectorBackupLog.directoryName
            taskID = nil
            return
        }
        guard let id = TaskID(rawID) else { throw APIError.badRequest("无效的task_id格式，只能包含字母、数字和下划线") }
        let directory = directories.directory(id)
        if mustExist, !directory.exists { throw APIError.notFound("指定的任务目录不存在: \(id)") }
        url = directory.url.appendingPathComponent(VectorBackupLog.directoryName, isDirectory: true)
        relativePath = "\(id)/\(VectorBackupLog.directoryName)"
        taskID = id.rawValue
    }

    /// From a restore request's `backup_path`: `vector_bak` or `<task_id>/vector_bak` (an optional leading `./` and
    /// trailing `/` are tolerated), nothing else.
    init(relativePath path: String, directories: TaskDirectories) throws {
        var text = path.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("./") { text.removeFirst(2) }
        while text.hasSuffix("/") { text.removeLast() }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let invalid = APIError.badRequest("无效的backup_path，应为 \(VectorBackupLog.directoryName) 或 <task_id>/\(VectorBackupLog.directoryName)")
        guard parts.last == VectorBackupLog.directoryName, parts.count <= 2 else { throw invalid }
        if parts.count == 2 {
            guard TaskID(parts[0]) != nil else { throw invalid }
            try self.init(taskID: parts[0], directories: directories, mustExist: false)
        } else {
            try self.init(taskID: nil, directories: directories, mustExist: false)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw APIError.notFound("备份目录不存在: \(relativePath)")
        }
    }

    /// Every task directory's `vector_bak/` that exists.
    static func allTaskLocations(_ directories: TaskDirectories) -> [BackupLocation] {
        let root = directories.root
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.sorted().compactMap { name in
            guard TaskID(name) != nil,
                  FileManager.default.fileExists(atPath: root.appendingPathComponent(name).appendingPathComponent(VectorBackupLog.directoryName).path)
            else { return nil }
            return try? BackupLocation(taskID: name, directories: directories, mustExist: false)
        }
    }

    /// The backup files here, newest first.
    func backupSets() -> [VectorBackupListPayload.Backup] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        let hasLog = names.contains(VectorBackupLog.fileName)
        return names.compactMap { name -> VectorBackupListPayload.Backup? in
            guard name.hasPrefix("training_items_"), name.hasSuffix(".csv") else { return nil }
            let timestamp = String(name.dropFirst("training_items_".count).dropLast(".csv".count))
            guard VectorBackupLog.isTimestamp(timestamp) else { return nil }
            let size = (try? FileManager.default.attributesOfItem(atPath: url.appendingPathComponent(name).path)[.size] as? Int64) ?? 0
            return .init(timestamp: timestamp, backupFile: name, fileSize: SizeFormatter.format(size),
                         backupDate: VectorBackupLog.displayDate(timestamp), hasLog: hasLog,
                         logFile: hasLog ? VectorBackupLog.fileName : nil)
        }.sorted { $0.timestamp > $1.timestamp }
    }
}
