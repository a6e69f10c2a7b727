import PipelineCore

/// Two small documented tables for semantic-model tests: a dimension (`area`, 服务区) and a fact (`sales`) with a
/// declared reference to it, a date and a price.
public enum SemanticFixtureTables {
    public static let area = TableDescription(
        reference: TableReference(schema: "public", name: "area"), kind: .table, comment: "服务区表",
        columns: [ColumnDescription(name: "id", position: 1, dataType: "integer", category: .integer, isPrimaryKey: true),
                  ColumnDescription(name: "area_name", position: 2, dataType: "varchar(50)", category: .text)],
        primaryKey: ["id"])

    public static let sales = TableDescription(
        reference: TableReference(schema: "public", name: "sales"), kind: .table, estimatedRows: 5000,
        columns: [ColumnDescription(name: "id", position: 1, dataType: "integer", category: .integer, isPrimaryKey: true),
                  ColumnDescription(name: "area_id", position: 2, dataType: "integer", category: .integer, isForeignKey: true),
                  ColumnDescription(name: "sale_date", position: 3, dataType: "date", category: .date),
                  ColumnDescription(name: "unit_price", position: 4, dataType: "numeric(10,2)", category: .decimal),
                  ColumnDescription(name: "amount", position: 5, dataType: "numeric(12,2)", category: .decimal)],
        primaryKey: ["id"],
        foreignKeys: [ForeignKeyReference(columns: ["area_id"], target: TableReference(schema: "public", name: "area"), targetColumns: ["id"])])
}
