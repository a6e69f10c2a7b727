import Foundation
import PipelineCore
import Postgres

/// The work queue on the state database, on the task store's own connection (one per responder thread).
/// Lock order everywhere: a queue row before its task row (claim, cancel); enqueue locks the task row and then
/// inserts a new queue row, which no other statement can hold yet.
extension PostgresTaskStore: ExecutionQueue {
    public func enqueue(_ execution: QueuedExecution, now: Date) throws -> Bool {
        // Idempotent under retries: a retry whose first answer was lost finds its own execution id in place.
        try run(idempotent: true) { connection in
            try connection.transaction { connection in
                let claimed = try connection.execute(PostgresQuery("""
                    UPDATE data_pipeline_tasks
                    SET status = 'in_progress', execution_id = $2, execution_mode = $3, started_at = NULL,
                        completed_at = NULL, error_message = NULL, progress = NULL, worker_pid = NULL,
                        worker_host = NULL, heartbeat_at = NULL, cancel_requested_at = NULL, updated_at = $4,
                        lost_retries = 0, execution_step_name = $5, execution_vector_flags = ARRAY[$6::boolean, $7::boolean, $8::boolean]
                    WHERE task_id = $1 AND status <> 'in_progress'
                    """, [execution.taskID.rawValue, execution.executionID, execution.mode.rawValue, now,
                          execution.step?.rawValue, execution.vectorFlags.backupVectorTables,
                          execution.vectorFlags.truncateVectorTables, execution.vectorFlags.skipTraining])) == 1
                guard claimed else {
                    return try connection.query(PostgresQuery("""
                        SELECT 1 FROM data_pipeline_tasks
                        WHERE task_id = $1 AND execution_id = $2 AND status = 'in_progress'
                        """, [execution.taskID.rawValue, execution.executionID])).count == 1
                }
                let flags = execution.vectorFlags
                try connection.execute(PostgresQuery("""
                    INSERT INTO data_pipeline_execution_queue
                        (task_id, execution_id, execution_mode, step_name, backup_vector_tables, truncate_vector_tables,
                         skip_training, queued_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                    ON CONFLICT (task_id) DO UPDATE SET
                        execution_id = EXCLUDED.execution_id, execution_mode = EXCLUDED.execution_mode,
                        step_name = EXCLUDED.step_name, backup_vector_tables = EXCLUDED.backup_vector_tables,
                        truncate_vector_tables = EXCLUDED.truncate_vector_tables,
                        skip_training = EXCLUDED.skip_training, queued_at = EXCLUDED.queued_at
                    """, [execution.taskID.rawValue, execution.executionID, execution.mode.rawValue,
                          execution.step?.rawValue, flags.backupVectorTables, flags.truncateVectorTables,
                          flags.skipTraining, now]))
                return true
            }
        }
    }

    public func claimQueued(host: String, capacity: Int, now: Date) throws -> [QueuedExecution] {
        // Not retried after a lost connection: the retry could not tell a commit that happened from one that did
        // not. If it happened, the tasks carry this host and a first heartbeat but no worker starts: the
        // liveness timeout fails them, as it fails a worker that died at start.
        try run(idempotent: false) { connection in
            try connection.transaction { connection in
                // One claimer per host at a time: the count of its running workers and the take are one decision.
                _ = try connection.query(PostgresQuery(
                    "SELECT pg_advisory_xact_lock(hashtext('dp_execution_host'), hashtext($1))", [host]))
                let running = try connection.query(PostgresQuery("""
                    SELECT count(*)::int AS running FROM data_pipeline_tasks
                    WHERE status = 'in_progress' AND worker_host = $1
                    """, [host])).first?.int("running") ?? 0
                let room = capacity - running
                guard room > 0 else { return [] }
                let taken = try connection.query(PostgresQuery("""
                    DELETE FROM data_pipeline_execution_queue
                    WHERE seq IN (
                        SELECT seq FROM data_pipeline_execution_queue ORDER BY seq
                        FOR UPDATE SKIP LOCKED LIMIT $1)
                    RETURNING seq, task_id, execution_id, execution_mode, step_name, backup_vector_tables,
                              truncate_vector_tables, skip_training, resume_attempt
                    """, [room])).map(Self.queuedExecution).compactMap { $0 }.sorted { $0.seq < $1.seq }
                guard !taken.isEmpty else { return [] }
                let started = try connection.query(PostgresQuery("""
                    UPDATE data_pipeline_tasks t
                    SET worker_host = $3, heartbeat_at = $4, started_at = COALESCE(t.started_at, $4), updated_at = $4
                    FROM unnest($1::text[], $2::text[]) AS c(task_id, execution_id)
                    WHERE t.task_id = c.task_id AND t.execution_id = c.execution_id AND t.status = 'in_progress'
                    RETURNING t.task_id
                    """, [taken.map(\.execution.taskID.rawValue), taken.map(\.execution.executionID), host, now]))
                    .map { try $0.string("task_id") }
                return taken.map(\.execution).filter { started.contains($0.taskID.rawValue) }
            }
        }
    }

    public func place(of id: TaskID) throws -> QueuePlace? {
        try run(idempotent: true) { connection in
            try connection.query(PostgresQuery("""
                SELECT q.queued_at,
                       (SELECT count(*)::int FROM data_pipeline_execution_queue o WHERE o.seq <= q.seq) AS position
                FROM data_pipeline_execution_queue q WHERE q.task_id = $1
                """, [id.rawValue])).first.map { QueuePlace(position: try $0.int("position"), queuedAt: try $0.date("queued_at")) }
        }
    }

    public func cancelQueued(_ id: TaskID, message: String, now: Date) throws -> String? {
        try run(idempotent: true) { connection in
            try connection.query(PostgresQuery("""
                WITH removed AS (
                    DELETE FROM data_pipeline_execution_queue WHERE task_id = $1 RETURNING task_id, execution_id)
                UPDATE data_pipeline_tasks t
                SET status = 'failed', error_message = $2, completed_at = $3, updated_at = $3,
                    cancel_requested_at = $3
                FROM removed
                WHERE t.task_id = removed.task_id AND t.execution_id = removed.execution_id AND t.status = 'in_progress'
                RETURNING t.execution_id
                """, [id.rawValue, message, now])).first?.string("execution_id")
        }
    }

    public func workers(on host: String, endedSince: Date) throws -> [HostWorker] {
        try run(idempotent: true) { connection in
            try connection.query(PostgresQuery("""
                SELECT task_id, execution_id, worker_pid, heartbeat_at, status = 'in_progress' AS running
                FROM data_pipeline_tasks
                WHERE worker_host = $1 AND execution_id IS NOT NULL
                  AND (status = 'in_progress' OR completed_at >= $2)
                """, [host, endedSince])).compactMap { row -> HostWorker? in
                guard let id = TaskID(try row.string("task_id")) else { return nil }
                return HostWorker(taskID: id, executionID: try row.string("execution_id"),
                                  pid: try row.optionalInt("worker_pid").map { Int32(truncatingIfNeeded: $0) },
                                  heartbeatAt: try row.optionalDate("heartbeat_at"), isRunning: try row.bool("running"))
            }
        }
    }

    private static func queuedExecution(_ row: PostgresRow) throws -> (seq: Int, execution: QueuedExecution)? {
        guard let id = TaskID(try row.string("task_id")),
              let mode = ExecutionMode(rawValue: try row.string("execution_mode")) else { return nil }
        let flags = VectorFlags(backupVectorTables: try row.bool("backup_vector_tables"),
                                truncateVectorTables: try row.bool("truncate_vector_tables"),
                                skipTraining: try row.bool("skip_training"))
        let execution = QueuedExecution(taskID: id, executionID: try row.string("execution_id"), mode: mode,
                                        step: try row.optionalString("step_name").flatMap(StepName.init(rawValue:)),
                                        vectorFlags: flags, resumeAttempt: try row.int("resume_attempt"))
        return (try row.int("seq"), execution)
    }
}
