import Foundation
import PipelineCore
import Postgres

extension PostgresTrainingDataStore {
    /// Rows per page of the backup: bounded memory (about 8 MB of text at dimension 512) whatever the store's size.
    static let backupPageSize = 1000

    /// Writes every item, in id order, to `<directory>/training_items_<timestamp>.csv` (`TrainingCSVFormat`).
    ///
    /// The rows are read page by page (keyset pagination on the id) inside one `REPEATABLE READ` transaction, so the
    /// file is one consistent snapshot even while loaders write. It is written as `<name>.part` and renamed when
    /// complete: a reader never sees half a backup, and a failed backup leaves nothing behind.
    public func backup(into directory: URL, timestamp: String) throws -> VectorBackupFile {
        let started = Date()
        let fileName = TrainingCSVFormat.fileName(timestamp: timestamp)
        guard !timestamp.isEmpty, !timestamp.contains("."), SafeFileName(fileName) != nil else {
            throw PipelineError.invalidBackupTimestamp(timestamp)
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let target = directory.appendingPathComponent(fileName)
        let partial = directory.appendingPathComponent(fileName + ".part")
        guard FileManager.default.createFile(atPath: partial.path, contents: nil) else {
            throw PipelineError.internalFailure("cannot create \(partial.path)")
        }
        let rowCount: Int
        do {
            let handle = try FileHandle(forWritingTo: partial)
            defer { try? handle.close() }
            rowCount = try pool.withConnection { connection in
                // The pool may run this twice (stale connection): start the file over each time.
                try handle.truncate(atOffset: 0)
                try handle.write(contentsOf: Data(TrainingCSVFormat.record(TrainingCSVFormat.columns).utf8))
                return try Self.writeRows(on: connection, to: handle)
            }
            try handle.synchronize()
            guard rename(partial.path, target.path) == 0 else {
                throw PipelineError.internalFailure("rename to \(target.path) failed: errno \(errno)")
            }
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: target.path)
        let bytes = (attributes?[.size] as? NSNumber)?.int64Value ?? 0
        return VectorBackupFile(fileName: fileName, rowCount: rowCount, bytes: bytes,
                                duration: Date().timeIntervalSince(started))
    }

    /// Every row, page by page, in one snapshot; returns how many were written.
    private static func writeRows(on connection: PostgresConnection, to handle: FileHandle) throws -> Int {
        try connection.transaction { connection in
            try connection.execute(PostgresQuery("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"))
            var count = 0
            // Every id is non-empty, and the empty string sorts before any other text in every collation.
            var after = ""
            while true {
                let rows = try connection.query(PostgresQuery("""
                    SELECT id, training_data_type, question, content, tables, task_id, created_at::text AS created_at,
                           embedding_model, encode(embedding, 'hex') AS embedding
                    FROM training_items
                    WHERE id > $1
                    ORDER BY id
                    LIMIT $2
                    """, [after, backupPageSize]))
                var page = ""
                for row in rows {
                    page += try record(row)
                }
                try handle.write(contentsOf: Data(page.utf8))
                count += rows.count
                guard rows.count == backupPageSize, let last = rows.last else { return count }
                after = try last.string("id")
            }
        }
    }

    private static func record(_ row: PostgresRow) throws -> String {
        guard let vector = TrainingVectorCodec.decodeHex(try row.string("embedding")) else {
            throw PipelineError.internalFailure("training_items has an undecodable embedding")
        }
        return TrainingCSVFormat.record([
            try row.string("id"), try row.string("training_data_type"), try row.optionalString("question"),
            try row.string("content"), try TrainingCSVFormat.tablesJSON(try row.stringArray("tables")),
            try row.optionalString("task_id"), try row.string("created_at"), try row.string("embedding_model"),
            TrainingVectorCodec.text(vector),
        ])
    }
}
