import Foundation
import PipelineCore

/// `POST /database/table/ddl`: one table's DDL and/or document, generated in memory as step 1 documents a table
/// (`TableDocumenter`) and with its formatters; nothing is written to disk.
struct TableDDLController {
    let jsonBody: JSONBody
    let businessDatabases: BusinessDatabaseResolver
    /// Introspection of the business database a request names.
    let introspector: @Sendable (String) -> SchemaIntrospector
    /// Step 1's per-table work: sampling and comment generation.
    let documenter: TableDocumenter
    let clock: @Sendable () -> Date

    struct Input: Decodable {
        var table: String?
        var dbConnection: String?
        var businessContext: String?
        var type: String?
    }

    func generate(_ context: RouteContext) throws -> HTTPResponse {
        let input = try jsonBody.decode(Input.self, from: context.request)
        guard let tableText = nonEmpty(input.table) else { throw APIError.missing("table") }
        guard let tableName = TableName(tableText) else { throw APIError.badRequest("无效的表名格式: \(tableText)") }
        let type = (nonEmpty(input.type) ?? "ddl").lowercased()
        guard ["ddl", "md", "both"].contains(type) else {
            throw APIError.badRequest("无效的type参数: \(type)，支持的值: ddl, md, both")
        }
        let connection = try businessDatabases.url(requested: input.dbConnection)
        let businessContext = nonEmpty(input.businessContext) ?? TaskParameters.defaultBusinessContext
        let introspector = introspector(connection)
        let snapshot = try introspector.catalog([tableName])
        guard var table = snapshot.tables.first else {
            throw APIError.notFound("表不存在或无权限访问: \(tableName)")
        }
        let documented = try documenter.document(table, businessContext: businessContext, introspector: introspector,
                                                 withFacts: false)
        table = documented.table
        let payload = TableDDLPayload(
            ddl: type == "md" ? nil : DDLFormatter.format(table),
            md: type == "ddl" ? nil : TableDocFormatter.format(table),
            tableInfo: .init(tableName: table.reference.name, schemaName: table.reference.schema,
                             fullName: table.reference.description, comment: table.comment,
                             fieldCount: table.columns.count, rowCount: table.estimatedRows, tableType: table.kind.rawValue),
            fields: table.columns.map { column in
                .init(name: column.name, type: column.dataType, nullable: !column.notNull, comment: column.comment,
                      isPrimaryKey: column.isPrimaryKey, isForeignKey: column.isForeignKey,
                      defaultValue: column.defaultValue, isEnum: column.enumValues != nil,
                      enumValues: column.enumValues ?? [])
            },
            generationInfo: .init(businessContext: businessContext, outputType: type,
                                  hasLlmComments: documented.commentsGenerated, llmProvider: documenter.llm.name,
                                  database: DatabaseURL.databaseName(connection) ?? "unknown"))
        return Envelope.success(payload, response: "获取表\(type.uppercased())成功", now: clock())
    }
}
