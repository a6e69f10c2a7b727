import Foundation
import PipelineCore
import Postgres

/// `ExecutionRecorder` on the state database, for one worker thread. Every statement is guarded by the execution id.
public final class PostgresExecutionRecorder: ExecutionRecorder {
    private let session: PostgresSession
    private let taskID: TaskID
    private let executionID: String

    public init(url: String, taskID: TaskID, executionID: String, applicationName: String = "dp-worker") {
        session = PostgresSession(url: url, applicationName: applicationName)
        self.taskID = taskID
        self.executionID = executionID
    }

    public func register(pid: Int32, host: String, now: Date) throws -> Bool {
        try session.withConnection(idempotent: true) { connection in
            try connection.execute(PostgresQuery("""
                UPDATE data_pipeline_tasks SET worker_pid = $3, worker_host = $4, heartbeat_at = $5, updated_at = $5
                WHERE task_id = $1 AND execution_id = $2 AND status = 'in_progress'
                """, [taskID.rawValue, executionID, Int(pid), host, now])) == 1
        }
    }

    public func prepareSteps(_ statuses: [StepName: StepStatus], now: Date) throws {
        let names = statuses.keys.map(\.rawValue)
        let values = names.map { statuses[StepName(rawValue: $0)!]!.rawValue }
        try guarded { connection in
            try connection.execute(PostgresQuery("""
                UPDATE data_pipeline_task_steps s
                SET step_status = v.status, error_message = NULL, started_at = NULL, completed_at = NULL, execution_id = NULL
                FROM unnest($2::text[], $3::text[]) AS v(name, status)
                WHERE s.task_id = $1 AND s.step_name = v.name
                """, [taskID.rawValue, names, values]))
        }
    }

    public func stepStarted(_ step: StepName, stepExecutionID: String, now: Date) throws {
        try guarded { connection in
            try connection.execute(PostgresQuery("""
                UPDATE data_pipeline_task_steps
                SET step_status = 'running', execution_id = $3, started_at = $4, completed_at = NULL, error_message = NULL
                WHERE task_id = $1 AND step_name = $2
                """, [taskID.rawValue, step.rawValue, stepExecutionID, now]))
        }
    }

    public func stepFinished(_ step: StepName, status: StepStatus, errorMessage: String?, now: Date) throws {
        try guarded { connection in
            try connection.execute(PostgresQuery("""
                UPDATE data_pipeline_task_steps SET step_status = $3, error_message = $4, completed_at = $5
                WHERE task_id = $1 AND step_name = $2
                """, [taskID.rawValue, step.rawValue, status.rawValue, errorMessage, now]))
        }
    }

    public func stepStatuses() throws -> [StepName: StepStatus] {
        try session.withConnection(idempotent: true) { connection in
            let rows = try connection.query(PostgresQuery(
                "SELECT step_name, step_status FROM data_pipeline_task_steps WHERE task_id = $1", [taskID.rawValue]))
            var statuses: [StepName: StepStatus] = [:]
            for row in rows {
                if let name = StepName(rawValue: try row.string("step_name")),
                   let status = StepStatus(rawValue: try row.string("step_status")) {
                    statuses[name] = status
                }
            }
            return statuses
        }
    }

    public func storedResult() throws -> JSONValue? {
        try session.withConnection(idempotent: true) { connection in
            try connection.query(PostgresQuery(
                "SELECT result::text AS result FROM data_pipeline_tasks WHERE task_id = $1", [taskID.rawValue]))
                .first.flatMap { try $0.optionalString("result") }.flatMap(JSONValue.parse)
        }
    }

    public func finish(status: TaskStatus, errorMessage: String?, result: JSONValue?, now: Date) throws {
        let resultText = try result.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        _ = try session.withConnection(idempotent: true) { connection in
            try connection.execute(PostgresQuery("""
                UPDATE data_pipeline_tasks
                SET status = $3, error_message = $4, result = COALESCE($5::jsonb, result), completed_at = $6,
                    updated_at = $6, progress = NULL, heartbeat_at = $6
                WHERE task_id = $1 AND execution_id = $2 AND status = 'in_progress'
                """, [taskID.rawValue, executionID, status.rawValue, errorMessage, resultText.map(PostgresJSON.init), now]))
        }
    }

    public func heartbeat(progress: StepProgress?, now: Date) throws -> Bool {
        let progressText = try progress.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        return try session.withConnection(idempotent: true) { connection in
            let rows = try connection.query(PostgresQuery("""
                UPDATE data_pipeline_tasks SET heartbeat_at = $3, progress = $4::jsonb
                WHERE task_id = $1 AND execution_id = $2 AND status = 'in_progress'
                RETURNING cancel_requested_at IS NULL AS keep_going
                """, [taskID.rawValue, executionID, now, progressText.map(PostgresJSON.init)]))
            return try rows.first?.bool("keep_going") ?? false
        }
    }

    /// Step writes happen only while this execution still owns the task, in one transaction with that check.
    private func guarded(_ body: (PostgresConnection) throws -> Void) throws {
        try session.withConnection(idempotent: true) { connection in
            try connection.transaction { connection in
                let owns = try connection.query(PostgresQuery("""
                    SELECT 1 FROM data_pipeline_tasks WHERE task_id = $1 AND execution_id = $2 AND status = 'in_progress'
                    FOR UPDATE
                    """, [taskID.rawValue, executionID])).count == 1
                guard owns else { throw ExecutionCancelled() }
                try body(connection)
            }
        }
    }
}
