import Foundation

/// `vector_bak/vector_backup_log.txt`, rewritten by every backup (the predecessor's layout, with the real duration).
public enum VectorBackupLog {
    public static let fileName = "vector_backup_log.txt"
    public static let directoryName = "vector_bak"

    public static func text(time: Date, taskID: String?, backup: Result<VectorBackupFile, Error>,
                            truncated: Result<Int, Error>?, duration: Double) -> String {
        var lines = ["=== Vector Table Backup Log ===",
                     "Backup Time: \(LocalTimestamp.logTime(time))",
                     "Task ID: \(taskID ?? "vector_bak")",
                     "Duration: \(String(format: "%.2f", duration))s", "",
                     "Tables Backup Status:"]
        switch backup {
        case .success(let file):
            lines.append("✓ training_items: \(file.rowCount) rows -> \(file.fileName) (\(SizeFormatter.format(file.bytes)))")
        case .failure(let error):
            lines.append("✗ training_items: FAILED - \(error)")
        }
        lines += ["", "Truncate Status:"]
        switch truncated {
        case .none: lines.append("- Not performed")
        case .success(let rows)?: lines.append("✓ training_items: TRUNCATED (\(rows) rows removed)")
        case .failure(let error)?: lines.append("✗ training_items: FAILED - \(error)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `YYYYMMDD_HHMMSS`, the timestamp of a backup file name.
    public static func isTimestamp(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 15, scalars[8] == "_" else { return false }
        return scalars.enumerated().allSatisfy { $0.offset == 8 || ("0"..."9").contains($0.element) }
    }

    /// `20250721_213627` → `2025-07-21 21:36:27`, how listings and restores show a backup's time. The timestamp
    /// must have passed `isTimestamp`.
    public static func displayDate(_ timestamp: String) -> String {
        let digits = Array(timestamp)
        return "\(String(digits[0..<4]))-\(String(digits[4..<6]))-\(String(digits[6..<8])) "
            + "\(String(digits[9..<11])):\(String(digits[11..<13])):\(String(digits[13..<15]))"
    }

    /// `training_items_<ts>.csv`.
    public static func backupFileName(timestamp: String) -> String {
        "training_items_\(timestamp).csv"
    }
}
