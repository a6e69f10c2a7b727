import Foundation
import Logging
import PipelineCore

/// `/data_pipeline/vector/backup`, `/restore/list` and `/restore`: CSV dumps of the training-data store under
/// `<tasks root>/vector_bak/` or `<task>/vector_bak/`, and an all-or-nothing restore.
///
/// Backup locations are always named relative to the tasks root (`vector_bak`, `<task_id>/vector_bak`); an absolute
/// or other path is refused (the predecessor accepted any server path).
struct VectorBackupController {
    let jsonBody: JSONBody
    let trainingStore: TrainingDataStore
    let directories: TaskDirectories
    let clock: @Sendable () -> Date
    let logger: Logger
    static let table = "training_items"

    struct BackupInput: Decodable {
        var taskId: String?
        var backupVectorTables: Bool?
    }

    func backup(_ context: RouteContext) throws -> HTTPResponse {
        let input = try jsonBody.decode(BackupInput.self, from: context.request, allowEmpty: true)
        let now = clock()
        guard input.backupVectorTables ?? true else {
            let payload = VectorBackupPayload(backupPerformed: false, tablesBackedUp: [:], errors: [], backupDirectory: nil, duration: 0)
            return Envelope.success(payload, response: "Vector表备份完成", now: now)
        }
        let location = try BackupLocation(taskID: input.taskId, directories: directories, mustExist: true)
        let started = Date()
        let result = Result { try trainingStore.backup(into: location.url, timestamp: LocalTimestamp.compact(now)) }
        let duration = Date().timeIntervalSince(started)
        let logText = VectorBackupLog.text(time: now, taskID: input.taskId, backup: result, truncated: nil, duration: duration)
        try? Data(logText.utf8).write(to: location.url.appendingPathComponent(VectorBackupLog.fileName), options: .atomic)
        switch result {
        case .success(let file):
            let table = VectorBackupPayload.TableBackup(success: true, rowCount: file.rowCount, fileSize: SizeFormatter.format(file.bytes),
                                                        backupFile: file.fileName, duration: (file.duration * 100).rounded() / 100)
            let payload = VectorBackupPayload(backupPerformed: true, tablesBackedUp: [Self.table: table], errors: [],
                                              backupDirectory: location.relativePath, duration: (duration * 100).rounded() / 100)
            return Envelope.success(payload, response: "Vector表备份完成", now: now)
        case .failure(let error):
            logger.error("vector backup failed", metadata: ["error": "\(error)"])
            throw APIError(.internalError, "Vector表备份失败，请稍后重试")
        }
    }

    func list(_ context: RouteContext) throws -> HTTPResponse {
        let query = context.request.query
        // Strict, like every input (docs/api.md §2.10): any value but true or false was read as false before.
        let globalOnly: Bool
        switch query["global_only"]?.lowercased() {
        case nil, "", "false": globalOnly = false
        case "true": globalOnly = true
        default: throw APIError.badRequest("参数global_only必须是true或false")
        }
        var locations: [BackupLocation] = []
        if let taskID = query["task_id"] {
            locations = [try BackupLocation(taskID: taskID, directories: directories, mustExist: false)]
        } else {
            locations = [try BackupLocation(taskID: nil, directories: directories, mustExist: false)]
            if !globalOnly { locations += BackupLocation.allTaskLocations(directories) }
        }
        var found: [VectorBackupListPayload.Location] = []
        for location in locations {
            let backups = location.backupSets()
            guard !backups.isEmpty else { continue }
            found.append(.init(type: location.taskID == nil ? "global" : "task", relativePath: location.relativePath,
                               taskId: location.taskID, backups: backups))
        }
        let sets = found.map(\.backups.count).reduce(0, +)
        let globalSets = found.filter { $0.type == "global" }.map(\.backups.count).reduce(0, +)
        let payload = VectorBackupListPayload(
            backupLocations: found,
            summary: .init(totalLocations: found.count, totalBackupSets: sets, globalBackups: globalSets,
                           taskBackups: sets - globalSets, scanTime: LocalTimestamp.iso(clock())))
        let text = sets == 0 ? "未找到任何可用的备份文件" : "成功扫描到 \(found.count) 个备份位置，共 \(sets) 个备份集"
        return Envelope.success(payload, response: text, now: clock())
    }

    struct RestoreInput: Decodable {
        var backupPath: String?
        var timestamp: String?
        var tables: [String]?
        var truncateBeforeRestore: Bool?
    }

    func restore(_ context: RouteContext) throws -> HTTPResponse {
        let input = try jsonBody.decode(RestoreInput.self, from: context.request)
        let missing = [("backup_path", input.backupPath), ("timestamp", input.timestamp)].filter { $0.1?.isEmpty ?? true }.map(\.0)
        guard missing.isEmpty else {
            throw APIError(.missingParameters, "缺少必需参数: \(missing.joined(separator: ", "))", missingParameters: missing)
        }
        let timestamp = input.timestamp!
        guard VectorBackupLog.isTimestamp(timestamp) else { throw APIError.badRequest("无效的timestamp格式，应为YYYYMMDD_HHMMSS") }
        let unsupported = (input.tables ?? [Self.table]).filter { $0 != Self.table }
        guard unsupported.isEmpty else { throw APIError.badRequest("不支持的表名: [\(unsupported.joined(separator: ", "))]") }
        let location = try BackupLocation(relativePath: input.backupPath!, directories: directories)
        let fileName = VectorBackupLog.backupFileName(timestamp: timestamp)
        let file = location.url.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: file.path) else { throw APIError.notFound("备份文件不存在: \(fileName)") }

        let truncate = input.truncateBeforeRestore ?? false
        let outcome = try trainingStore.restore(from: file, truncateFirst: truncate)
        let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int64) ?? 0
        let payload = VectorRestorePayload(
            truncatePerformed: truncate,
            backupInfo: .init(backupPath: location.relativePath, timestamp: timestamp, backupDate: VectorBackupLog.displayDate(timestamp)),
            restoreResults: [Self.table: .init(success: true, sourceFile: fileName, rowsInFile: outcome.rowsInFile,
                                               rowsBefore: outcome.rowsBefore, rowsRestored: outcome.rowsAfter,
                                               fileSize: SizeFormatter.format(size), duration: (outcome.duration * 100).rounded() / 100)],
            duration: (outcome.duration * 100).rounded() / 100)
        return Envelope.success(payload, response: "Vector表恢复完成", now: clock())
    }
}
