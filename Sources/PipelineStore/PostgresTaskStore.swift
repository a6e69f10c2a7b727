import Foundation
import PipelineCore
import Postgres

/// `TaskStore` on the state database; one instance per thread, over that thread's `PostgresSession`.
public final class PostgresTaskStore: TaskStore {
    private let session: PostgresSession
    /// Seals connection passwords on write and opens them on read (`StoredTaskParameters`).
    private let secrets: ConnectionSecretBox

    public init(session: PostgresSession, secrets: ConnectionSecretBox) {
        self.session = session
        self.secrets = secrets
    }

    /// Idempotent under retries: the creation key is chosen before the first attempt, so a retry after a lost
    /// answer finds the task that attempt committed instead of creating a `_2`.
    public func createTask(_ task: NewTask, now: Date) throws -> PipelineTask {
        let parameters = try StoredTaskParameters.encode(task.parameters, box: secrets)
        let base = TaskID.base(for: now)
        let createKey = UUID().uuidString
        let created = try run(idempotent: true) { connection -> TaskID in
            try connection.transaction { connection in
                if let existing = try connection.query(PostgresQuery(
                    "SELECT task_id FROM data_pipeline_tasks WHERE create_key = $1", [createKey])).first,
                   let id = TaskID(try existing.string("task_id")) {
                    return id
                }
                // ON CONFLICT DO NOTHING waits for a concurrent insert of the same id to finish, then skips it:
                // the second task created in one second takes the next suffix instead of failing.
                for attempt in 1...1000 {
                    let id = TaskID.candidate(base: base, attempt: attempt)
                    let inserted = try connection.query(PostgresQuery("""
                        INSERT INTO data_pipeline_tasks (task_id, task_name, parameters, db_name, by_user, created_at, updated_at,
                                                         create_key)
                        VALUES ($1, $2, $3::jsonb, $4, $5, $6, $6, $7)
                        ON CONFLICT (task_id) DO NOTHING
                        RETURNING task_id
                        """, [id.rawValue, task.name, PostgresJSON(parameters), task.dbName, task.createdBy, now, createKey]))
                    guard inserted.count == 1 else { continue }
                    try connection.execute(PostgresQuery("""
                        INSERT INTO data_pipeline_task_steps (task_id, step_name)
                        SELECT $1, unnest($2::text[])
                        """, [id.rawValue, StepName.allCases.map(\.rawValue)]))
                    return id
                }
                throw PipelineError.internalFailure("no free task id for \(base)")
            }
        }
        guard let stored = try self.task(created) else { throw PipelineError.internalFailure("created task \(created) vanished") }
        return stored
    }

    public func task(_ id: TaskID) throws -> PipelineTask? {
        let rows = try run(idempotent: true) { connection in
            try connection.query(PostgresQuery("""
                SELECT t.task_id, t.task_name, t.status, t.parameters::text AS parameters, t.db_name, t.by_user,
                       t.created_at, t.started_at, t.completed_at, t.updated_at, t.error_message,
                       t.result::text AS result, t.directory_exists, t.progress::text AS progress,
                       t.execution_id, t.execution_mode, t.worker_pid, t.worker_host, t.heartbeat_at,
                       t.cancel_requested_at, t.version,
                       s.step_name, s.step_status, s.execution_id AS step_execution_id,
                       s.started_at AS step_started_at, s.completed_at AS step_completed_at,
                       s.error_message AS step_error_message
                FROM data_pipeline_tasks t
                LEFT JOIN data_pipeline_task_steps s ON s.task_id = t.task_id
                WHERE t.task_id = $1
                """, [id.rawValue]))
        }
        guard let first = rows.first else { return nil }
        var task = try TaskRowDecoder.task(first, secrets: secrets)
        task.steps = try rows.compactMap(TaskRowDecoder.step).sorted { $0.name.order < $1.name.order }
        return task
    }

    public func taskExists(_ id: TaskID) throws -> Bool {
        try run(idempotent: true) { connection in
            try connection.query(PostgresQuery("SELECT 1 FROM data_pipeline_tasks WHERE task_id = $1", [id.rawValue])).count == 1
        }
    }

    public func listTasks(_ query: TaskListQuery) throws -> (tasks: [TaskSummary], total: Int) {
        try run(idempotent: true) { connection in
            let rows = try connection.query(TaskListSQL.page(query))
            var total = try rows.first.map { try $0.int("total_count") } ?? 0
            if rows.count == 0, query.offset > 0 {
                total = try connection.query(TaskListSQL.count(query)).first?.int("total_count") ?? 0
            }
            return (try rows.map(TaskRowDecoder.summary), total)
        }
    }

    public func markDirectoryDeleted(_ id: TaskID, now: Date) throws -> TaskRemoval {
        try run(idempotent: true) { connection in
            let marked = try connection.execute(PostgresQuery("""
                UPDATE data_pipeline_tasks SET directory_exists = false, updated_at = $2
                WHERE task_id = $1 AND status <> 'in_progress'
                """, [id.rawValue, now])) == 1
            return marked ? .done : try Self.whyNotRemoved(id, on: connection)
        }
    }

    /// Not retried after a lost connection: a committed delete retried would answer "not found".
    public func deleteTask(_ id: TaskID) throws -> TaskRemoval {
        try run(idempotent: false) { connection in
            let deleted = try connection.execute(PostgresQuery(
                "DELETE FROM data_pipeline_tasks WHERE task_id = $1 AND status <> 'in_progress'", [id.rawValue])) == 1
            return deleted ? .done : try Self.whyNotRemoved(id, on: connection)
        }
    }

    /// After a guarded removal changed nothing: the task runs, or there is none.
    private static func whyNotRemoved(_ id: TaskID, on connection: PostgresConnection) throws -> TaskRemoval {
        try connection.query(PostgresQuery("SELECT 1 FROM data_pipeline_tasks WHERE task_id = $1", [id.rawValue]))
            .count == 1 ? .running : .notFound
    }

    public func ping() throws {
        _ = try run(idempotent: true) { connection in try connection.query(PostgresQuery("SELECT 1")) }
    }

    /// Runs `body` on the thread's connection (`PostgresSession.withConnection`: retried after a lost connection
    /// only when `idempotent`); an unreachable database becomes `stateStoreUnavailable` (503).
    func run<T>(idempotent: Bool, _ body: (PostgresConnection) throws -> T) throws -> T {
        do {
            return try session.withConnection(idempotent: idempotent, body)
        } catch let error as PostgresError where error.isConnectionFailure {
            throw PipelineError.stateStoreUnavailable
        }
    }
}
