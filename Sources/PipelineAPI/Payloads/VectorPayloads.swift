/// `POST /data_pipeline/vector/backup` answer (the predecessor's shape, with the one table of this store).
struct VectorBackupPayload: Encodable {
    var backupPerformed: Bool
    var truncatePerformed = false
    var tablesBackedUp: [String: TableBackup]
    var truncateResults: [String: String] = [:]
    var errors: [String]
    @Nullable var backupDirectory: String?
    var duration: Double

    struct TableBackup: Encodable {
        var success: Bool
        var rowCount: Int?
        var fileSize: String?
        var backupFile: String?
        var duration: Double?
        var error: String?
    }
}

/// `GET /data_pipeline/vector/restore/list` answer.
struct VectorBackupListPayload: Encodable {
    var backupLocations: [Location]
    var summary: Summary

    struct Location: Encodable {
        var type: String
        var relativePath: String
        var taskId: String?
        var backups: [Backup]
    }

    struct Backup: Encodable {
        var timestamp: String
        var backupFile: String
        var fileSize: String
        var backupDate: String
        var hasLog: Bool
        @Nullable var logFile: String?
    }

    struct Summary: Encodable {
        var totalLocations: Int
        var totalBackupSets: Int
        var globalBackups: Int
        var taskBackups: Int
        var scanTime: String
    }
}

/// `POST /data_pipeline/vector/restore` answer.
struct VectorRestorePayload: Encodable {
    var restorePerformed = true
    var truncatePerformed: Bool
    var backupInfo: BackupInfo
    var truncateResults: [String: String] = [:]
    var restoreResults: [String: TableRestore]
    var errors: [String] = []
    var duration: Double

    struct BackupInfo: Encodable {
        var backupPath: String
        var timestamp: String
        var backupDate: String
    }

    struct TableRestore: Encodable {
        var success: Bool
        var sourceFile: String
        var rowsInFile: Int
        var rowsBefore: Int
        var rowsRestored: Int
        var fileSize: String
        var duration: Double
    }
}
