import PipelineCore

/// Question templates along one foreign key (child → parent): counts and totals of the child per parent row,
/// named by the parent's name column. Soft-deleted rows of both tables are left out.
struct JoinQuestions {
    let child: TableProfile
    let parent: TableProfile
    let key: ForeignKeyReference

    /// Only when the key's columns are known on both sides and the parent has something readable to group by.
    init?(child: TableProfile, parent: TableProfile, key: ForeignKeyReference) {
        guard !key.columns.isEmpty, key.columns.count == key.targetColumns.count,
              key.columns.allSatisfy({ name in child.table.columns.contains { $0.name == name } }),
              key.targetColumns.allSatisfy({ name in parent.table.columns.contains { $0.name == name } }) else { return nil }
        self.child = child
        self.parent = parent
        self.key = key
    }

    private var tables: [TableReference] { [child.table.reference, parent.table.reference] }

    /// The parent column rows are grouped by: its name column, else its first key column.
    private var parentLabelColumn: ColumnDescription {
        parent.nameColumn ?? parent.table.columns.first { $0.name == key.targetColumns[0] }!
    }

    private var joinClause: String {
        let conditions = zip(key.columns, key.targetColumns).map { childColumn, parentColumn in
            "c.\(SQLIdentifier.display(childColumn)) = p.\(SQLIdentifier.display(parentColumn))"
        }
        return " FROM \(child.sqlName) c JOIN \(parent.sqlName) p ON \(conditions.joined(separator: " AND "))"
    }

    private var liveConditions: [String?] {
        [child.liveRowsCondition(qualifier: "c."), parent.liveRowsCondition(qualifier: "p.")]
    }

    func all() -> [PairDraft] {
        var drafts = [countPerParent()]
        if let measure = child.measures.first {
            drafts.append(totalPerParent(measure))
            drafts.append(topParents(measure))
        }
        return drafts
    }

    func countPerParent() -> PairDraft {
        let label = TableProfile.label(parentLabelColumn)
        let column = SQLText.column(parentLabelColumn, qualifier: "p")
        let sql = "SELECT \(column) AS \(SQLText.alias(label)), COUNT(*) AS \(SQLText.alias(child.entity + "数量"))\(joinClause)\(SQLText.whereClause(liveConditions)) GROUP BY \(column) ORDER BY \(SQLText.alias(child.entity + "数量")) DESC"
        return PairDraft(question: "每个\(parent.entity)对应多少条\(child.entity)？按数量从多到少列出\(label)。",
                         sql: sql + ";", difficulty: .medium, tables: tables)
    }

    func totalPerParent(_ measure: ColumnDescription) -> PairDraft {
        let label = TableProfile.label(parentLabelColumn)
        let column = SQLText.column(parentLabelColumn, qualifier: "p")
        let total = SQLText.alias(child.totalLabel(measure))
        let sql = "SELECT \(column) AS \(SQLText.alias(label)), \(child.aggregate(measure))(\(SQLText.column(measure, qualifier: "c"))) AS \(total)\(joinClause)\(SQLText.whereClause(liveConditions)) GROUP BY \(column) ORDER BY \(total) DESC NULLS LAST"
        return PairDraft(question: "关联\(parent.entity)，统计每个\(label)的\(child.entity)\(child.totalLabel(measure))。",
                         sql: sql + ";", difficulty: .hard, tables: tables)
    }

    func topParents(_ measure: ColumnDescription) -> PairDraft {
        let label = TableProfile.label(parentLabelColumn)
        let measureLabel = TableProfile.label(measure)
        let column = SQLText.column(parentLabelColumn, qualifier: "p")
        let average = SQLText.alias("平均" + measureLabel)
        let sql = "SELECT \(column) AS \(SQLText.alias(label)), ROUND(AVG(\(SQLText.column(measure, qualifier: "c")))::numeric, 2) AS \(average)\(joinClause)\(SQLText.whereClause(liveConditions)) GROUP BY \(column) ORDER BY \(average) DESC NULLS LAST LIMIT 5"
        return PairDraft(question: "\(child.entity)的平均\(measureLabel)最高的前5个\(parent.entity)是哪些？",
                         sql: sql + ";", difficulty: .hard, tables: tables)
    }
}
