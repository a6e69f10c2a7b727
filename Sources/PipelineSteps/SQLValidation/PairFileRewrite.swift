import Foundation
import PipelineCore

/// `modify_original_file`: repaired SQL replaces the original, pairs still invalid or filtered by the execution check are removed, malformed items (not
/// pairs at all) stay as they were — nothing that was never validated is dropped — and the file as it was is kept first: as `<file>.backup`, or, when that already holds something else (step 2's first version, and
/// the file was since edited and uploaded), as `<file>.<YYYYMMDD_HHMMSS>.backup`. Nothing is lost.
enum PairFileRewrite {
    struct Stats: Sendable {
        var modified = 0
        var deleted = 0
        var failedModifications = 0
    }

    static func apply(_ records: [SQLValidationRecord], items: [PairFileItem], file: SafeFileName,
                      in directory: TaskDirectory, now: Date, log: TaskLog, step: StepName) -> Stats {
        var stats = Stats()
        stats.modified = records.filter(\.repaired).count
        stats.deleted = records.filter { !$0.kept && !$0.malformed }.count
        guard stats.modified + stats.deleted > 0 else { return stats }
        do {
            let original = try Data(contentsOf: directory.fileURL(file))
            var backup = SafeFileName(file.rawValue + ".backup")!
            if let existing = try? Data(contentsOf: directory.fileURL(backup)), existing != original {
                backup = SafeFileName("\(file.rawValue).\(LocalTimestamp.compact(now)).backup")!
            }
            if (try? Data(contentsOf: directory.fileURL(backup))) != original {
                try directory.writeAtomically(original, to: backup)
            }
            var kept: [JSONValue] = []
            for (record, item) in zip(records, items) {
                guard case .pair(var entry) = item else {
                    kept.append(item.value)
                    continue
                }
                guard record.kept else {
                    if let replacement = record.replacement { kept.append(.object(replacement.fields)) }
                    continue
                }
                if let repaired = record.repairedSQL { entry.setSQL(repaired) }
                kept.append(.object(entry.fields))
            }
            try directory.writeAtomically(PairFile.render(values: kept), to: file)
            let malformed = records.filter(\.malformed).count
            log.info(step.rawValue, "已修改原始文件 \(file.rawValue): 修复 \(stats.modified) 个，删除 \(stats.deleted) 个无效或未通过执行检查的项，"
                + "原样保留 \(malformed) 个格式错误的条目（原文件保留为 \(backup.rawValue)）")
        } catch {
            log.error(step.rawValue, "修改原始文件失败: \(error)")
            stats = Stats(modified: 0, deleted: 0, failedModifications: 1)
        }
        return stats
    }
}
