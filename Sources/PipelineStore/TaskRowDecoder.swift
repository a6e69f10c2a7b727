import Foundation
import PipelineCore
import Postgres

/// Turns state-database rows into domain values; a row that breaks the schema's rules is an internal failure.
enum TaskRowDecoder {
    static func task(_ row: PostgresRow, secrets: ConnectionSecretBox) throws -> PipelineTask {
        let parameters = try StoredTaskParameters.decode(try row.string("parameters"), box: secrets)
        var task = PipelineTask(
            id: try taskID(row),
            name: try row.optionalString("task_name"),
            status: try taskStatus(row),
            parameters: parameters,
            dbName: try row.optionalString("db_name"),
            createdBy: try row.string("by_user"),
            createdAt: try row.date("created_at"),
            startedAt: try row.optionalDate("started_at"),
            completedAt: try row.optionalDate("completed_at"),
            updatedAt: try row.optionalDate("updated_at"),
            errorMessage: try row.optionalString("error_message"),
            resultJSON: try row.optionalString("result"),
            directoryExists: try row.bool("directory_exists"),
            progress: try row.optionalString("progress").flatMap { try? JSONDecoder().decode(StepProgress.self, from: Data($0.utf8)) },
            steps: [],
            worker: try worker(row))
        task.version = Int64(try row.int("version"))
        return task
    }

    /// The execution columns; nil for a task that was never executed.
    static func worker(_ row: PostgresRow) throws -> WorkerInfo? {
        guard let executionID = try row.optionalString("execution_id") else { return nil }
        return WorkerInfo(
            executionID: executionID,
            mode: try row.optionalString("execution_mode").flatMap(ExecutionMode.init(rawValue:)),
            pid: try row.optionalInt("worker_pid").map { Int32(truncatingIfNeeded: $0) },
            host: try row.optionalString("worker_host"),
            heartbeatAt: try row.optionalDate("heartbeat_at"),
            cancelRequested: try row.optionalDate("cancel_requested_at") != nil)
    }

    /// The step columns of a task/step join row; nil when the task has no step rows (LEFT JOIN).
    static func step(_ row: PostgresRow) throws -> TaskStep? {
        guard let nameText = try row.optionalString("step_name") else { return nil }
        guard let name = StepName(rawValue: nameText),
              let status = StepStatus(rawValue: try row.string("step_status")) else {
            throw PipelineError.internalFailure("unknown step row \(nameText)")
        }
        return TaskStep(name: name, status: status, executionID: try row.optionalString("step_execution_id"),
                        startedAt: try row.optionalDate("step_started_at"),
                        completedAt: try row.optionalDate("step_completed_at"),
                        errorMessage: try row.optionalString("step_error_message"))
    }

    static func summary(_ row: PostgresRow) throws -> TaskSummary {
        let stepStatuses = try row.stringArray("step_statuses").compactMap(StepStatus.init(rawValue:))
        var summary = TaskSummary(
            id: try taskID(row), name: try row.optionalString("task_name"), status: try taskStatus(row),
            stepSummary: StepSummary(stepStatuses), createdAt: try row.date("created_at"),
            startedAt: try row.optionalDate("started_at"), completedAt: try row.optionalDate("completed_at"),
            updatedAt: try row.optionalDate("updated_at"), createdBy: try row.string("by_user"),
            dbName: try row.optionalString("db_name"), businessContext: try row.optionalString("business_context"),
            directoryExists: try row.bool("directory_exists"))
        summary.version = Int64(try row.int("version"))
        let errorMessage = try row.optionalString("error_message")
        summary.cancelled = summary.status == .failed && errorMessage == ExecutionCancelled.message
        return summary
    }

    private static func taskID(_ row: PostgresRow) throws -> TaskID {
        let text = try row.string("task_id")
        guard let id = TaskID(text) else { throw PipelineError.internalFailure("invalid task id in database") }
        return id
    }

    private static func taskStatus(_ row: PostgresRow) throws -> TaskStatus {
        let text = try row.string("status")
        guard let status = TaskStatus(rawValue: text) else { throw PipelineError.internalFailure("unknown task status \(text)") }
        return status
    }
}
