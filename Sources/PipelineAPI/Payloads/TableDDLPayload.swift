/// The answer of `POST /database/table/ddl`.
struct TableDDLPayload: Encodable {
    var ddl: String?
    var md: String?
    var tableInfo: TableInfo
    var fields: [Field]
    var generationInfo: GenerationInfo

    struct TableInfo: Encodable {
        var tableName: String
        var schemaName: String
        var fullName: String
        @Nullable var comment: String?
        var fieldCount: Int
        @Nullable var rowCount: Int64?
        var tableType: String
    }

    struct Field: Encodable {
        var name: String
        var type: String
        var nullable: Bool
        @Nullable var comment: String?
        var isPrimaryKey: Bool
        var isForeignKey: Bool
        @Nullable var defaultValue: String?
        var isEnum: Bool
        var enumValues: [String]
    }

    struct GenerationInfo: Encodable {
        var businessContext: String
        var outputType: String
        var hasLlmComments: Bool
        var llmProvider: String
        var database: String
    }
}
