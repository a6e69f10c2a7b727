import PipelineCore
import Postgres

/// The list query. Filters are bound parameters (NULL meaning "no filter"); the ORDER BY column and direction are
/// trusted constants chosen from the closed `TaskSortField` enum and a Bool, never input text.
enum TaskListSQL {
    static func filters(_ query: TaskListQuery) -> PostgresQuery {
        let (status, keyword, user, database) = (query.status?.rawValue, query.nameKeyword, query.createdBy, query.dbName)
        let (from, to) = (query.createdFrom, query.createdTo)
        return """
            WHERE (\(status)::text IS NULL OR t.status = \(status))
              AND (\(keyword)::text IS NULL OR strpos(lower(t.task_name), lower(\(keyword))) > 0)
              AND (\(user)::text IS NULL OR t.by_user = \(user))
              AND (\(database)::text IS NULL OR t.db_name = \(database))
              AND (\(from)::timestamptz IS NULL OR t.created_at >= \(from))
              AND (\(to)::timestamptz IS NULL OR t.created_at <= \(to))
            """
    }

    static func count(_ query: TaskListQuery) -> PostgresQuery {
        "SELECT count(*) AS total_count FROM data_pipeline_tasks t \(filters(query))"
    }

    static func page(_ query: TaskListQuery) -> PostgresQuery {
        let column: TrustedSQL
        switch query.sortBy {
        case .createdAt: column = "t.created_at"
        case .startedAt: column = "t.started_at"
        case .completedAt: column = "t.completed_at"
        case .taskName: column = "t.task_name"
        case .status: column = "t.status"
        }
        let direction: TrustedSQL = query.ascending ? "ASC" : "DESC"
        return """
            SELECT t.task_id, t.task_name, t.status, t.created_at, t.started_at, t.completed_at, t.updated_at,
                   t.by_user, t.db_name, left(t.parameters->>'business_context', \(TaskSummary.listedContextLength + 1)) AS business_context, t.directory_exists, t.version,
                   t.error_message,
                   ARRAY(SELECT s.step_status FROM data_pipeline_task_steps s WHERE s.task_id = t.task_id) AS step_statuses,
                   count(*) OVER () AS total_count
            FROM data_pipeline_tasks t
            \(filters(query))
            ORDER BY \(literal: column) \(literal: direction) NULLS LAST, t.task_id \(literal: direction)
            LIMIT \(query.limit) OFFSET \(query.offset)
            """
    }
}
