import Foundation
import PipelineCore

/// The execute flags `backup_vector_tables` / `truncate_vector_tables` before loading: a CSV backup of the store
/// into the task's `vector_bak/` with its log, then (only if the backup succeeded) emptying the store.
struct VectorManagement {
    let store: TrainingDataStore
    let directory: TaskDirectory
    let log: TaskLog
    let step: StepName

    func run(_ flags: VectorFlags, now: Date) -> VectorManagementSummary {
        guard flags.backupVectorTables || flags.truncateVectorTables else { return .notRequested }
        let started = Date()
        let target = directory.url.appendingPathComponent(VectorBackupLog.directoryName, isDirectory: true)
        let backup = Result { try store.backup(into: target, timestamp: LocalTimestamp.compact(now)) }
        var errors: [String] = []
        var truncated: Result<Int, Error>?
        switch backup {
        case .success(let file):
            log.info(step.rawValue, "训练数据已备份: \(file.rowCount) 条 -> \(VectorBackupLog.directoryName)/\(file.fileName)")
            if flags.truncateVectorTables {
                truncated = Result { try store.truncate() }
                if case .success(let rows)? = truncated { log.info(step.rawValue, "训练数据已清空: 删除 \(rows) 条") }
            }
        case .failure(let error):
            errors.append("训练数据备份失败: \(error)")
            if flags.truncateVectorTables { errors.append("备份失败，已取消清空操作") }
        }
        if case .failure(let error)? = truncated { errors.append("训练数据清空失败: \(error)") }
        for error in errors { log.error(step.rawValue, error) }
        let duration = Date().timeIntervalSince(started)
        let logText = VectorBackupLog.text(time: now, taskID: directory.taskID.rawValue, backup: backup, truncated: truncated, duration: duration)
        try? FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try? Data(logText.utf8).write(to: target.appendingPathComponent(VectorBackupLog.fileName), options: .atomic)

        var performed = VectorManagementSummary.Performed(
            truncatePerformed: { if case .success? = truncated { return true } else { return false } }(),
            backupDirectory: VectorBackupLog.directoryName, errors: errors, duration: (duration * 100).rounded() / 100)
        if case .success(let file) = backup {
            performed.backupFile = file.fileName
            performed.rowsBackedUp = file.rowCount
        }
        if case .success(let rows)? = truncated { performed.rowsTruncated = rows }
        return .performed(performed)
    }
}
