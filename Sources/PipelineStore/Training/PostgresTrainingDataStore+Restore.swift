import Foundation
import PipelineCore
import Postgres

extension PostgresTrainingDataStore {
    /// Loads a backup file (`TrainingCSVFormat`): the whole file is parsed and checked first
    /// (`TrainingBackupContents`), then one transaction optionally deletes every item, inserts the file's items
    /// (ids already present are kept as they are), and commits. Any failure rolls everything back: the store is
    /// exactly as before.
    ///
    /// Errors: `invalidBackup` naming the line for a file that cannot be read or checked, or whose rows the
    /// database refuses (naming the lines of the refused batch); `embeddingMismatch` when the store keeps items of
    /// another model or dimension than the file's (restore with `truncateFirst`, or back up and empty it first).
    public func restore(from file: URL, truncateFirst: Bool) throws -> VectorRestoreOutcome {
        let started = Date()
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw TrainingStoreError.invalidBackup("无法读取文件 \(file.lastPathComponent)")
        }
        let contents = try TrainingBackupContents.parse(data)
        let (before, after) = try write { connection, state in
            let before = try Self.count(on: connection)
            if truncateFirst {
                try connection.execute(PostgresQuery("DELETE FROM training_items"))
                try state.reset(on: connection)
            }
            if let model = contents.model, let dimension = contents.dimension {
                try state.accept(model: model, dimension: dimension, on: connection)
                try Self.insert(contents, on: connection)
            }
            return (before, try Self.count(on: connection))
        }
        return VectorRestoreOutcome(rowsInFile: contents.rows.count, rowsBefore: before, rowsAfter: after,
                                    duration: Date().timeIntervalSince(started))
    }

    private static func count(on connection: PostgresConnection) throws -> Int {
        try connection.query(PostgresQuery("SELECT count(*) AS n FROM training_items")).first?.int("n") ?? 0
    }

    /// Batched inserts; a batch the database refuses becomes `invalidBackup` naming its lines (the checks before
    /// make that rare: e.g. 31 February passes the shape check of `created_at` but not PostgreSQL's calendar).
    private static func insert(_ contents: TrainingBackupContents, on connection: PostgresConnection) throws {
        var start = 0
        while start < contents.rows.count {
            let end = min(start + TrainingItemRows.rowsPerStatement, contents.rows.count)
            do {
                try connection.execute(TrainingItemRows.statement(for: contents.rows[start..<end]))
            } catch {
                // `execute` throws only `PostgresError` (typed throws), so `error` is one here.
                guard !error.isConnectionFailure else { throw error }
                let lines = contents.lines[start] == contents.lines[end - 1]
                    ? "\(contents.lines[start])" : "\(contents.lines[start])–\(contents.lines[end - 1])"
                throw TrainingStoreError.invalidBackup("第 \(lines) 行: 数据库拒绝写入（SQLSTATE \(error.sqlState ?? "?")）")
            }
            start = end
        }
    }
}
