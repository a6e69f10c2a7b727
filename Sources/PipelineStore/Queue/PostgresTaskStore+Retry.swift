import Foundation
import PipelineCore
import Postgres

/// Re-queueing lost executions (`DP_RETRY_LOST_EXECUTIONS`, migration 10). One statement per decision: the task row
/// takes the new execution id and drops its worker, and the queue row is inserted from the same `RETURNING`, so a
/// retry is either wholly recorded or not at all; the insert announces `dp_execution_queued` like any execute.
extension PostgresTaskStore {
    public func requeueLostExecution(_ id: TaskID, executionID: String, ifHeartbeatAt judged: Date?, retryLimit: Int,
                                     now: Date) throws -> Bool {
        guard retryLimit > 0 else { return false }
        // As in failExecution: a heartbeat newer than the one judged (a millisecond for rounding) keeps the run.
        let newestJudged = judged?.addingTimeInterval(0.001)
        return try requeue(PostgresQuery("""
            task_id = \(id.rawValue) AND execution_id = \(executionID)
              AND (\(newestJudged)::timestamptz IS NULL OR heartbeat_at IS NULL OR heartbeat_at <= \(newestJudged)::timestamptz)
            """), retryLimit: retryLimit, now: now) == 1
    }

    public func requeueStaleExecutions(heartbeatBefore cutoff: Date, retryLimit: Int, now: Date) throws -> Int {
        guard retryLimit > 0 else { return 0 }
        return try requeue(PostgresQuery("heartbeat_at < \(cutoff)"), retryLimit: retryLimit, now: now)
    }

    /// Re-queues the lost executions `condition` selects among the running ones with retries left.
    private func requeue(_ condition: PostgresQuery, retryLimit: Int, now: Date) throws -> Int {
        try run(idempotent: false) { connection in
            try connection.transaction { connection in
                let requeued = try connection.query(PostgresQuery("""
                    WITH retried AS (
                        UPDATE data_pipeline_tasks
                        SET execution_id = regexp_replace(execution_id, '_r[0-9]+$', '') || '_r' || (lost_retries + 1),
                            lost_retries = lost_retries + 1, worker_pid = NULL, worker_host = NULL, heartbeat_at = NULL,
                            progress = NULL, updated_at = \(now)
                        WHERE status = 'in_progress' AND worker_host IS NOT NULL AND lost_retries < \(retryLimit)
                          AND \(condition)
                        RETURNING task_id, execution_id, execution_mode, execution_step_name, execution_vector_flags,
                                  lost_retries)
                    INSERT INTO data_pipeline_execution_queue
                        (task_id, execution_id, execution_mode, step_name, backup_vector_tables, truncate_vector_tables,
                         skip_training, resume_attempt, queued_at)
                    SELECT task_id, execution_id, execution_mode, execution_step_name, execution_vector_flags[1],
                           execution_vector_flags[2], execution_vector_flags[3], lost_retries, \(now)
                    FROM retried
                    ON CONFLICT (task_id) DO UPDATE SET
                        execution_id = EXCLUDED.execution_id, execution_mode = EXCLUDED.execution_mode,
                        step_name = EXCLUDED.step_name, backup_vector_tables = EXCLUDED.backup_vector_tables,
                        truncate_vector_tables = EXCLUDED.truncate_vector_tables, skip_training = EXCLUDED.skip_training,
                        resume_attempt = EXCLUDED.resume_attempt, queued_at = EXCLUDED.queued_at
                    RETURNING task_id
                    """)).map { try $0.string("task_id") }
                if !requeued.isEmpty {
                    // The step the lost worker was running starts again; finished steps stay finished.
                    try connection.execute(PostgresQuery("""
                        UPDATE data_pipeline_task_steps
                        SET step_status = 'pending', error_message = NULL, started_at = NULL, completed_at = NULL,
                            execution_id = NULL
                        WHERE task_id = ANY(\(requeued)::text[]) AND step_status = 'running'
                        """))
                }
                return requeued.count
            }
        }
    }
}
