import PipelineCore

/// The answer of `GET …/tasks/{task_id}/drift`: the summary first, then the changes and the broken items.
struct DriftPayload: Encodable {
    var taskId: String
    var summary: Summary
    var changes: [SchemaChange]
    var brokenPairs: [TrainingItemCheck]
    var errorSqlNowValid: [TrainingItemCheck]
    var errorSqlStillFailing: [TrainingItemCheck]
    var warnings: [String]

    struct Summary: Encodable {
        var drifted: Bool
        var tablesCompared: Int
        var tablesAdded: Int
        var tablesGone: Int
        var columnsAdded: Int
        var columnsGone: Int
        var columnsRetyped: Int
        var nullabilityChanged: Int
        var commentsChanged: Int
        var valuesAdded: Int
        var valuesGone: Int
        var relationshipsAdded: Int
        var relationshipsGone: Int
        var pairsChecked: Int
        var pairsBroken: Int
        var errorSqlChecked: Int
        var errorSqlNowValid: Int
        var itemsUnchecked: Int
        var durationMs: Int
        /// Where the time went: the task's documents, its semantic model, the database (catalog and comparison),
        /// the loaded items' plans.
        var phasesMs: [String: Int]
    }

    init(taskID: TaskID, report: SchemaDriftReport) {
        func count(_ kind: SchemaChange.Kind) -> Int { report.changes.filter { $0.kind == kind }.count }
        taskId = taskID.rawValue
        summary = Summary(
            drifted: report.drifted, tablesCompared: report.tablesCompared, tablesAdded: count(.tableAdded),
            tablesGone: count(.tableGone), columnsAdded: count(.columnAdded), columnsGone: count(.columnGone),
            columnsRetyped: count(.columnRetyped), nullabilityChanged: count(.nullabilityChanged),
            commentsChanged: count(.commentChanged), valuesAdded: count(.valueAdded), valuesGone: count(.valueGone),
            relationshipsAdded: count(.relationshipAdded), relationshipsGone: count(.relationshipGone),
            pairsChecked: report.pairsChecked, pairsBroken: report.brokenPairs.count,
            errorSqlChecked: report.errorSQLChecked, errorSqlNowValid: report.passingErrorSQL.count,
            itemsUnchecked: report.itemsUnchecked, durationMs: Self.milliseconds(report.duration),
            phasesMs: ["documents": Self.milliseconds(report.phases.documents), "model": Self.milliseconds(report.phases.model),
                       "database": Self.milliseconds(report.phases.database), "items": Self.milliseconds(report.phases.items)])
        changes = report.changes
        brokenPairs = report.brokenPairs
        errorSqlNowValid = report.passingErrorSQL
        errorSqlStillFailing = report.failingErrorSQL
        warnings = report.documentProblems
    }

    private static func milliseconds(_ seconds: Double) -> Int { Int((seconds * 1000).rounded()) }
}
