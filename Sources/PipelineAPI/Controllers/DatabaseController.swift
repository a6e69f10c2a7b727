import PipelineCore

/// Inspecting a business database.
struct DatabaseController {
    let services: APIServices

    /// `POST /database/tables` `{db_connection?, schema?: "public,ods", table_name_pattern?: "*_area*"}`
    func tables(_ context: RouteContext) throws -> HTTPResponse {
        let input = try services.jsonBody.decode(DatabaseTablesInput.self, from: context.request, allowEmpty: true)
        let connection = try DatabaseController.connectionURL(input.dbConnection, services: services)
        var schemas: [String] = []
        for part in (input.schema ?? "").split(separator: ",") {
            let schema = part.trimmingCharacters(in: .whitespaces)
            if !schema.isEmpty, !schemas.contains(schema) { schemas.append(schema) }
        }
        if schemas.isEmpty { schemas = ["public"] }
        guard schemas.count <= 50 else { throw APIError.badRequest("schema数量不能超过50个") }
        let pattern = nonEmpty(input.tableNamePattern)
        try TextLimits.check(pattern, field: "table_name_pattern", limit: TextLimits.tableNamePattern)
        let tables = try services.catalog.listTables(connectionURL: connection, schemas: schemas,
                                                     likePattern: pattern.map(DatabaseController.likePattern))
        let payload = TablesPayload(tables: tables, total: tables.count, schemas: schemas,
                                    dbConnectionInfo: .init(database: DatabaseURL.databaseName(connection) ?? "unknown"),
                                    tableNamePattern: pattern)
        return Envelope.success(payload, response: "获取表列表成功", now: services.clock())
    }

    /// The request's business database, else the configured default; either must pass the connection policy
    /// (`BusinessConnectionPolicy`: no unix sockets, harmless options only, `DP_BUSINESS_HOSTS`).
    static func connectionURL(_ given: String?, services: APIServices) throws -> String {
        if let given = nonEmpty(given) {
            guard DatabaseURL.isPostgresURL(given) else {
                throw APIError.badRequest("db_connection必须是PostgreSQL连接字符串，例如 postgresql://user:password@host:5432/dbname")
            }
            try services.settings.connectionPolicy.check(given)
            return given
        }
        guard let fallback = services.settings.defaultBusinessDatabaseURL else {
            throw APIError.missing("db_connection", "缺少必需参数：db_connection（服务未配置默认业务数据库）")
        }
        try services.settings.connectionPolicy.check(fallback)
        return fallback
    }

    /// `*` becomes `%`; a pattern that already uses `%` is kept, as in the predecessor.
    static func likePattern(_ pattern: String) -> String {
        pattern.contains("%") ? pattern : pattern.replacingOccurrences(of: "*", with: "%")
    }

    struct TablesPayload: Encodable {
        var tables: [String]
        var total: Int
        var schemas: [String]
        var dbConnectionInfo: ConnectionInfo
        var tableNamePattern: String?

        struct ConnectionInfo: Encodable {
            var database: String
        }
    }
}

/// `GET /health`: liveness plus a state-database round trip (503 when it fails).
struct HealthController {
    let services: APIServices

    func health(_ context: RouteContext) throws -> HTTPResponse {
        try services.store.ping()
        return Envelope.success(HealthPayload(status: "ok", stateDatabase: "ok"), response: "服务运行正常",
                                now: services.clock())
    }

    struct HealthPayload: Encodable {
        var status: String
        var stateDatabase: String
    }
}
