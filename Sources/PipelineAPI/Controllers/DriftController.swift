import Foundation
import PipelineCore

/// `GET …/tasks/{task_id}/drift`: what changed in the business database since the task documented it, and which
/// loaded pairs no longer plan. Reads only (catalog, statistics, `EXPLAIN`), on the task's own database.
struct DriftController {
    let store: TaskStore
    let directories: TaskDirectories
    /// A task created before the policy (or under a wider one) may name a database it no longer allows.
    let connectionPolicy: BusinessConnectionPolicy
    /// Introspection of the task's business database (one connection, closed with the introspector).
    let introspector: @Sendable (String) -> SchemaIntrospector
    /// The SQL gate and `EXPLAIN` on the task's business database.
    let sqlValidator: @Sendable (String) -> SQLValidator
    let inspection: SchemaDriftInspection
    let clock: @Sendable () -> Date

    func drift(_ context: RouteContext) throws -> HTTPResponse {
        let id = try context.taskID()
        guard let task = try store.task(id) else { throw PipelineError.taskNotFound(id) }
        let directory = directories.directory(id)
        let connection = task.parameters.dbConnection
        try connectionPolicy.check(connection)
        // Neither adapter connects before its first call: a task without documents is a 409 before any connection.
        let validator = sqlValidator(connection)
        defer { validator.close() }
        let report = try inspection.inspect(taskID: id, directory: directory, introspector: introspector(connection),
                                            validator: validator)
        let message = report.drifted ? "检查完成：业务数据库已发生变更" : "检查完成：业务数据库未发生变更"
        return Envelope.success(DriftPayload(taskID: id, report: report), response: message, now: clock())
    }
}
