import Foundation
import PipelineCore

/// Inspecting a business database.
struct DatabaseController {
    let jsonBody: JSONBody
    let catalog: DatabaseCatalog
    let businessDatabases: BusinessDatabaseResolver
    /// Reads a task's stored connection for `task_id` (the password stays on the server).
    let store: TaskStore
    let clock: @Sendable () -> Date

    /// `POST /database/tables` `{db_connection?, task_id?, schema?: "public,ods", table_name_pattern?: "*_area*"}`
    func tables(_ context: RouteContext) throws -> HTTPResponse {
        let input = try jsonBody.decode(DatabaseTablesInput.self, from: context.request, allowEmpty: true)
        let connection = try connectionURL(input)
        var schemas: [String] = []
        for part in (input.schema ?? "").split(separator: ",") {
            let schema = part.trimmingCharacters(in: .whitespaces)
            if !schema.isEmpty, !schemas.contains(schema) { schemas.append(schema) }
        }
        if schemas.isEmpty { schemas = ["public"] }
        guard schemas.count <= 50 else { throw APIError.badRequest("schema数量不能超过50个") }
        let pattern = nonEmpty(input.tableNamePattern)
        try TextLimits.check(pattern, field: "table_name_pattern", limit: TextLimits.tableNamePattern)
        let listing = try catalog.listTables(connectionURL: connection, schemas: schemas,
                                             likePattern: pattern.map(DatabaseController.likePattern))
        let tables = listing.tables
        let payload = TablesPayload(tables: tables, total: tables.count, schemas: schemas,
                                    availableSchemas: listing.availableSchemas,
                                    dbConnectionInfo: .init(database: DatabaseURL.databaseName(connection) ?? "unknown"),
                                    tableNamePattern: pattern)
        return Envelope.success(payload, response: "获取表列表成功", now: clock())
    }

    /// A typed `db_connection` wins; else the stored connection of `task_id` (so a page that never saw the password
    /// can list the task's tables); else the service's default business database.
    private func connectionURL(_ input: DatabaseTablesInput) throws -> String {
        guard nonEmpty(input.dbConnection) == nil, let rawID = input.taskId else {
            return try businessDatabases.url(requested: input.dbConnection)
        }
        guard let id = TaskID(rawID) else { throw APIError.invalidTaskID }
        guard let task = try store.task(id) else { throw PipelineError.taskNotFound(id) }
        return try businessDatabases.url(requested: task.parameters.dbConnection)
    }

    /// `*` becomes `%`; a pattern that already uses `%` is kept, as in the predecessor.
    static func likePattern(_ pattern: String) -> String {
        pattern.contains("%") ? pattern : pattern.replacingOccurrences(of: "*", with: "%")
    }

    struct TablesPayload: Encodable {
        var tables: [String]
        var total: Int
        var schemas: [String]
        /// Every schema the connection may use, with its table count (new: the page offers them to pick from).
        var availableSchemas: [SchemaSummary]
        var dbConnectionInfo: ConnectionInfo
        var tableNamePattern: String?

        struct ConnectionInfo: Encodable {
            var database: String
        }
    }
}
