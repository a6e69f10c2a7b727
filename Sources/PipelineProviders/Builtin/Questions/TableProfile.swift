import PipelineCore

/// What the built-in question writer needs to know about a table: how to name it in Chinese and SQL, which rows are
/// soft-deleted, and which columns are dimensions, measures and time columns.
///
/// Everything comes from the table's documentation (names, types, comments, keys, enum values, samples), never from
/// the data, so the same documents always give the same questions.
struct TableProfile: Sendable {
    let table: TableDescription
    /// The table as SQL text: `t` in the public schema, `schema.t` otherwise, quoted where PostgreSQL needs it.
    let sqlName: String
    /// The Chinese noun for the table's rows (`服务区`, `营业日数据`).
    let entity: String
    /// `delete_ts IS NULL`-style condition (unqualified column) when the table has a soft-delete column.
    let softDeleteColumn: ColumnDescription?
    /// Enum-like or categorical text columns, best first.
    let dimensions: [ColumnDescription]
    /// Numeric columns worth summing or averaging, best first.
    let measures: [ColumnDescription]
    /// Date and timestamp columns that describe the business (not audit columns), best first.
    let timeColumns: [ColumnDescription]
    /// A human-readable column naming a row (`service_area_name`), if any.
    let nameColumn: ColumnDescription?
    /// The table in the task's semantic model: its measure roles and aggregations win over the name rules.
    let semantics: SemanticTable?
    /// Declared foreign keys, then the model's inferred relationships from this table.
    let keys: [ForeignKeyReference]

    init(_ table: TableDescription, semantics: SemanticTable? = nil, inferredKeys: [ForeignKeyReference] = []) {
        self.table = table
        self.semantics = semantics
        keys = table.foreignKeys + inferredKeys.filter { !table.foreignKeys.contains($0) }
        sqlName = Self.sqlName(table.reference)
        entity = Self.entity(of: table)
        let columns = table.columns
        softDeleteColumn = columns.first(where: Self.isSoftDelete)
        let keyColumns = Set(table.primaryKey + table.columns.filter(\.isPrimaryKey).map(\.name))
        let foreignKeyColumns = Set(keys.flatMap(\.columns) + table.columns.filter(\.isForeignKey).map(\.name))
        let business = columns.filter { !Self.isAudit($0) && !Self.isSoftDelete($0) && !$0.isSensitive }

        let measures = business.filter { column in
            if let role = semantics?.column(column.name)?.role { return role == .measure }
            return !keyColumns.contains(column.name) && !foreignKeyColumns.contains(column.name) && Self.isMeasure(column)
        }
        self.measures = measures.enumerated().sorted { left, right in
            (Self.measureRank(left.element), left.offset) < (Self.measureRank(right.element), right.offset)
        }.map(\.element)
        // In a table with measures, name columns (`service_name`) are what people group by.
        let dimensions = business.filter { column in
            !keyColumns.contains(column.name)
                && (Self.isDimension(column) || (!measures.isEmpty && column.category == .text && Self.looksLikeName(column.name)))
        }
        self.dimensions = dimensions.enumerated().sorted { left, right in
            (Self.dimensionRank(left.element), left.offset) < (Self.dimensionRank(right.element), right.offset)
        }.map(\.element)
        timeColumns = business.filter { $0.category == .date || $0.category == .timestamp }
            .sorted { Self.timeRank($0) < Self.timeRank($1) }
        nameColumn = business.first { column in
            column.category == .text && !keyColumns.contains(column.name) && Self.looksLikeName(column.name)
        }
    }

    /// The aggregate a measure is summarised with: the model's (`SUM`, `AVG`, `MIN`, `MAX`), else `SUM`.
    func aggregate(_ measure: ColumnDescription) -> String {
        semantics?.column(measure.name)?.measure?.aggregation.rawValue ?? Aggregation.sum.rawValue
    }

    /// Whether the measure adds up across rows (so totals, shares and month totals make sense).
    func isAdditive(_ measure: ColumnDescription) -> Bool {
        aggregate(measure) == Aggregation.sum.rawValue
    }

    /// The label of a measure's aggregate: `车辆数量合计` for a sum, `平均单价` for an average.
    func totalLabel(_ measure: ColumnDescription) -> String {
        switch aggregate(measure) {
        case Aggregation.avg.rawValue: "平均" + Self.label(measure)
        case Aggregation.max.rawValue: "最高" + Self.label(measure)
        case Aggregation.min.rawValue: "最低" + Self.label(measure)
        default: Self.totalLabel(measure)
        }
    }

    /// The soft-delete filter for this table under `qualifier` (`t.` or empty), or nil.
    func liveRowsCondition(qualifier: String = "") -> String? {
        guard let column = softDeleteColumn else { return nil }
        let reference = qualifier + SQLIdentifier.display(column.name)
        return column.category == .boolean ? "\(reference) IS NOT TRUE" : "\(reference) IS NULL"
    }

    /// The Chinese label of a column: its comment's first clause, else its name.
    static func label(_ column: ColumnDescription) -> String {
        TableEntityName.label(column)
    }

    static func sqlName(_ reference: TableReference) -> String {
        reference.schema == "public"
            ? SQLIdentifier.display(reference.name)
            : "\(SQLIdentifier.display(reference.schema)).\(SQLIdentifier.display(reference.name))"
    }

    /// The table's Chinese name without "…中的" context and a trailing `表`/`视图`.
    static func entity(of table: TableDescription) -> String {
        TableEntityName.of(table)
    }

    static func isSoftDelete(_ column: ColumnDescription) -> Bool {
        AuditColumns.isSoftDelete(column)
    }

    /// Bookkeeping columns that carry no business meaning (the predecessor's theme prompt listed the same).
    static func isAudit(_ column: ColumnDescription) -> Bool {
        AuditColumns.isAudit(column)
    }

    static func isDimension(_ column: ColumnDescription) -> Bool {
        if let values = column.enumValues, values.count >= 2 { return column.category != .decimal }
        guard column.category == .text else { return false }
        let name = column.name.lowercased()
        return ["type", "status", "state", "level", "category", "kind", "grade", "class", "mode", "region", "city",
                "province", "channel", "source"].contains { name == $0 || name.hasSuffix("_" + $0) }
    }

    static func isMeasure(_ column: ColumnDescription) -> Bool {
        guard column.category == .decimal || column.category == .integer else { return false }
        if let values = column.enumValues, values.count <= 8, column.category == .integer { return false }
        let name = column.name.lowercased()
        let identifierLike = name == "id" || name.hasSuffix("_id") || name.hasSuffix("_no") || name.hasSuffix("_code")
            || name.hasSuffix("_type") || name.hasSuffix("_status") || name.hasSuffix("_flag") || name.hasPrefix("is_")
        return !identifierLike
    }

    static func looksLikeName(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower == "name" || lower == "title" || lower.hasSuffix("_name") || lower.hasSuffix("_title")
    }

    /// Totals and amounts before counts of sub-kinds (`pay_sum` before `order_sum` before `wx`).
    static func measureRank(_ column: ColumnDescription) -> Int {
        let name = column.name.lowercased()
        let isTotal = ["sum", "total", "amount", "amt", "revenue", "income"].contains(where: name.contains)
        if isTotal { return column.category == .decimal ? 0 : 1 }
        if ["count", "qty", "quantity", "num", "price", "fee", "cost", "score", "points"].contains(where: name.contains) { return 2 }
        return 3
    }

    /// The label of a measure's sum: `车辆数量合计`, but `订单合计` and `当日支付总金额` stay as they are.
    static func totalLabel(_ column: ColumnDescription) -> String {
        let label = label(column)
        return label.hasSuffix("合计") || label.contains("总") ? label : label + "合计"
    }

    /// Name columns first (the most natural grouping), then enum-like columns, then other categorical ones.
    static func dimensionRank(_ column: ColumnDescription) -> Int {
        if looksLikeName(column.name) { return 0 }
        return (column.enumValues ?? []).isEmpty ? 2 : 1
    }

    /// Business dates first (`oper_date`, `count_date`), then timestamps, creation time last.
    static func timeRank(_ column: ColumnDescription) -> Int {
        let name = column.name.lowercased()
        if name == "created_at" || name == "create_time" { return 3 }
        return column.category == .date ? 0 : 1
    }
}
