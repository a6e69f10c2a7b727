import Foundation
import PipelineCore

/// Inspecting a business database.
struct DatabaseController {
    let jsonBody: JSONBody
    let catalog: DatabaseCatalog
    let businessDatabases: BusinessDatabaseResolver
    let clock: @Sendable () -> Date

    /// `POST /database/tables` `{db_connection?, schema?: "public,ods", table_name_pattern?: "*_area*"}`
    func tables(_ context: RouteContext) throws -> HTTPResponse {
        let input = try jsonBody.decode(DatabaseTablesInput.self, from: context.request, allowEmpty: true)
        let connection = try businessDatabases.url(requested: input.dbConnection)
        var schemas: [String] = []
        for part in (input.schema ?? "").split(separator: ",") {
            let schema = part.trimmingCharacters(in: .whitespaces)
            if !schema.isEmpty, !schemas.contains(schema) { schemas.append(schema) }
        }
        if schemas.isEmpty { schemas = ["public"] }
        guard schemas.count <= 50 else { throw APIError.badRequest("schema数量不能超过50个") }
        let pattern = nonEmpty(input.tableNamePattern)
        try TextLimits.check(pattern, field: "table_name_pattern", limit: TextLimits.tableNamePattern)
        let tables = try catalog.listTables(connectionURL: connection, schemas: schemas,
                                                     likePattern: pattern.map(DatabaseController.likePattern))
        let payload = TablesPayload(tables: tables, total: tables.count, schemas: schemas,
                                    dbConnectionInfo: .init(database: DatabaseURL.databaseName(connection) ?? "unknown"),
                                    tableNamePattern: pattern)
        return Envelope.success(payload, response: "获取表列表成功", now: clock())
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
