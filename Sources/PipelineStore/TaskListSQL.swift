import PipelineCore

/// The list query. Filters are bound parameters ($1…$6, NULL meaning "no filter"); only the ORDER BY column and
/// direction are spliced in, and both come from the closed `TaskSortField` enum, never from input text.
enum TaskListSQL {
    static let filters = """
        WHERE ($1::text IS NULL OR t.status = $1)
          AND ($2::text IS NULL OR strpos(lower(t.task_name), lower($2)) > 0)
          AND ($3::text IS NULL OR t.by_user = $3)
          AND ($4::text IS NULL OR t.db_name = $4)
          AND ($5::timestamptz IS NULL OR t.created_at >= $5)
          AND ($6::timestamptz IS NULL OR t.created_at <= $6)
        """

    static let count = "SELECT count(*) AS total_count FROM data_pipeline_tasks t \(filters)"

    static func page(_ query: TaskListQuery) -> String {
        let column: String
        switch query.sortBy {
        case .createdAt: column = "t.created_at"
        case .startedAt: column = "t.started_at"
        case .completedAt: column = "t.completed_at"
        case .taskName: column = "t.task_name"
        case .status: column = "t.status"
        }
        let direction = query.ascending ? "ASC" : "DESC"
        return """
            SELECT t.task_id, t.task_name, t.status, t.created_at, t.started_at, t.completed_at, t.updated_at,
                   t.by_user, t.db_name, left(t.parameters->>'business_context', \(TaskSummary.listedContextLength + 1)) AS business_context, t.directory_exists, t.version,
                   t.error_message,
                   ARRAY(SELECT s.step_status FROM data_pipeline_task_steps s WHERE s.task_id = t.task_id) AS step_statuses,
                   count(*) OVER () AS total_count
            FROM data_pipeline_tasks t
            \(filters)
            ORDER BY \(column) \(direction) NULLS LAST, t.task_id \(direction)
            LIMIT $7 OFFSET $8
            """
    }
}
