import Foundation
import PipelineCore
import Postgres

extension PostgresTaskStore {
    /// Idempotent under retries: a retry of a claim whose answer was lost finds its own execution id in place.
    public func claim(_ id: TaskID, executionID: String, mode: ExecutionMode, now: Date) throws -> Bool {
        try run(idempotent: true) { connection in
            let claimed = try connection.execute(PostgresQuery("""
                UPDATE data_pipeline_tasks
                SET status = 'in_progress', execution_id = $2, execution_mode = $3, started_at = $4,
                    completed_at = NULL, error_message = NULL, progress = NULL, worker_pid = NULL, worker_host = NULL,
                    heartbeat_at = $4, cancel_requested_at = NULL, updated_at = $4
                WHERE task_id = $1 AND status <> 'in_progress'
                """, [id.rawValue, executionID, mode.rawValue, now])) == 1
            if claimed { return true }
            return try connection.query(PostgresQuery("""
                SELECT 1 FROM data_pipeline_tasks WHERE task_id = $1 AND execution_id = $2 AND status = 'in_progress'
                """, [id.rawValue, executionID])).count == 1
        }
    }

    public func failExecution(_ id: TaskID, executionID: String, ifHeartbeatAt judged: Date?, message: String,
                              now: Date) throws -> Bool {
        // The stored heartbeat went through a Date (microseconds as a double): allow a millisecond for rounding;
        // a newer heartbeat is seconds newer.
        let newestJudged = judged?.addingTimeInterval(0.001)
        return try run(idempotent: true) { connection in
            try connection.transaction { connection in
                let failed = try connection.execute(PostgresQuery("""
                    UPDATE data_pipeline_tasks
                    SET status = 'failed', error_message = $3, completed_at = $4, updated_at = $4, progress = NULL
                    WHERE task_id = $1 AND execution_id = $2 AND status = 'in_progress'
                      AND ($5::timestamptz IS NULL OR heartbeat_at IS NULL OR heartbeat_at <= $5::timestamptz)
                    """, [id.rawValue, executionID, message, now, newestJudged])) == 1
                if failed {
                    try connection.execute(PostgresQuery("""
                        UPDATE data_pipeline_task_steps SET step_status = 'failed', error_message = $2, completed_at = $3
                        WHERE task_id = $1 AND step_status = 'running'
                        """, [id.rawValue, message, now]))
                }
                return failed
            }
        }
    }

    public func failStaleExecutions(heartbeatBefore cutoff: Date, message: String, now: Date) throws -> Int {
        try run(idempotent: true) { connection in
            try connection.transaction { connection in
                let stale = try connection.query(PostgresQuery("""
                    UPDATE data_pipeline_tasks
                    SET status = 'failed', error_message = $2 || COALESCE('（主机 ' || worker_host || '）', ''),
                        completed_at = $3, updated_at = $3, progress = NULL
                    WHERE status = 'in_progress' AND heartbeat_at < $1
                    RETURNING task_id
                    """, [cutoff, message, now])).map { try $0.string("task_id") }
                if !stale.isEmpty {
                    try connection.execute(PostgresQuery("""
                        UPDATE data_pipeline_task_steps SET step_status = 'failed', error_message = $2, completed_at = $3
                        WHERE task_id = ANY($1::text[]) AND step_status = 'running'
                        """, [stale, message, now]))
                }
                return stale.count
            }
        }
    }

    public func requestCancel(_ id: TaskID, now: Date) throws -> WorkerInfo? {
        try run(idempotent: true) { connection -> WorkerInfo? in
            let rows = try connection.query(PostgresQuery("""
                UPDATE data_pipeline_tasks SET cancel_requested_at = $2, updated_at = $2
                WHERE task_id = $1 AND status = 'in_progress'
                RETURNING execution_id, execution_mode, worker_pid, worker_host, heartbeat_at, cancel_requested_at
                """, [id.rawValue, now]))
            return try rows.first.flatMap(TaskRowDecoder.worker)
        }
    }
}
