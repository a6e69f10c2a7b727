import PipelineCore

/// The business database a request names, else the configured default; either must pass the connection policy
/// (`BusinessConnectionPolicy`: no unix sockets, harmless options only, `DP_BUSINESS_HOSTS`) before anything
/// connects. Used by `/database/tables`, `/database/table/ddl` and task creation.
struct BusinessDatabaseResolver {
    let policy: BusinessConnectionPolicy
    /// `DP_BUSINESS_DATABASE_URL`, when the service has one.
    let defaultURL: String?

    func url(requested given: String?) throws -> String {
        if let given = nonEmpty(given) {
            guard DatabaseURL.isPostgresURL(given) else {
                throw APIError.badRequest("db_connection必须是PostgreSQL连接字符串，例如 postgresql://user:password@host:5432/dbname")
            }
            try policy.check(given)
            return given
        }
        guard let defaultURL else {
            throw APIError.missing("db_connection", "缺少必需参数：db_connection（服务未配置默认业务数据库）")
        }
        try policy.check(defaultURL)
        return defaultURL
    }
}
