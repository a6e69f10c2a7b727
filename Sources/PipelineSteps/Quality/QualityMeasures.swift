import PipelineCore

/// QUALITY.md's measures of one run (all but retrieval by labelled questions, which needs questions written apart):
/// the same definitions as `scripts/quality_measures.py` (its header), which computes them independently by running
/// the SQL; here the execution classes come from step 3's report instead.
enum QualityMeasures {
    struct Counts {
        var total = 0
        var executes = 0, empty = 0, degenerate = 0, unchecked = 0
        var multiTable = 0, timeScoped = 0, countOnly = 0, wording = 0, additivity = 0
        var shapes = 0
        var businessColumns = 0, usedBusinessColumns = 0
        var comments = 0, badComments = 0
    }

    static func counts(_ facts: [PairQualityFacts], classes: [String?]?, coverage: (business: Int, used: Int),
                       comments: [DDLComment]) -> Counts {
        var counts = Counts()
        counts.total = facts.count
        for fact in facts {
            if fact.tables.count >= 2 { counts.multiTable += 1 }
            if fact.timeScoped { counts.timeScoped += 1 }
            if fact.countOnly { counts.countOnly += 1 }
            if !fact.latinWords.isEmpty { counts.wording += 1 }
            if !fact.nonAdditiveSums.isEmpty { counts.additivity += 1 }
        }
        counts.shapes = Set(facts.map(\.placeholderShape)).count
        for kind in classes ?? [] {
            switch kind {
            case "ok": counts.executes += 1
            case "empty": counts.executes += 1; counts.empty += 1
            case "degenerate": counts.executes += 1; counts.degenerate += 1
            case nil: counts.unchecked += 1
            default: break
            }
        }
        counts.businessColumns = coverage.business
        counts.usedBusinessColumns = coverage.used
        counts.comments = comments.count
        counts.badComments = comments.filter { !$0.latinWords.isEmpty }.count
        return counts
    }

    /// The measures by QUALITY.md's names; `executes`, `empty` and `degenerate` are null without step 3's classes.
    static func measures(_ c: Counts, executionChecked: Bool) -> [String: QualityMeasure] {
        let total = c.total
        func share(_ n: Int) -> Double { total > 0 ? Double(n) / Double(total) : 0 }
        func ratio(_ n: Int) -> String { "\(n)/\(total)" }
        var result: [String: QualityMeasure] = [
            "pairs": QualityMeasure(value: Double(total), goal: "≥ 40", ok: total >= 40, detail: "\(total)"),
            "shape variety": QualityMeasure(value: share(c.shapes), goal: "≥ 0.6", ok: total > 0 && share(c.shapes) >= 0.6,
                                            detail: "\(c.shapes) shapes"),
            "multi-table": QualityMeasure(value: share(c.multiTable), goal: "≥ 30 %", ok: share(c.multiTable) >= 0.30,
                                          detail: ratio(c.multiTable)),
            "time-scoped": QualityMeasure(value: share(c.timeScoped), goal: "≥ 30 %", ok: share(c.timeScoped) >= 0.30,
                                          detail: ratio(c.timeScoped)),
            "count-only": QualityMeasure(value: share(c.countOnly), goal: "≤ 20 %", ok: total > 0 && share(c.countOnly) <= 0.20,
                                         detail: ratio(c.countOnly)),
            "wording": QualityMeasure(value: Double(c.wording), goal: "0", ok: c.wording == 0, detail: "\(c.wording) questions"),
            "additivity": QualityMeasure(value: Double(c.additivity), goal: "0", ok: c.additivity == 0, detail: "\(c.additivity) pairs"),
            "comments": QualityMeasure(value: Double(c.badComments), goal: "0", ok: c.badComments == 0,
                                       detail: "\(c.badComments) of \(c.comments) comments"),
        ]
        let covered = c.businessColumns > 0 ? Double(c.usedBusinessColumns) / Double(c.businessColumns) : 0
        result["coverage"] = QualityMeasure(value: covered, goal: "≥ 70 %", ok: c.businessColumns > 0 && covered >= 0.70,
                                            detail: "\(c.usedBusinessColumns)/\(c.businessColumns) columns")
        guard executionChecked else {
            for (name, goal) in [("executes", "100 %"), ("empty", "≤ 5 %"), ("degenerate", "≤ 5 %")] {
                result[name] = .notMeasured(goal: goal, reason: "not measured (sql_validation has not classified the pairs)")
            }
            return result
        }
        // Pairs step 3 did not see (the file was changed after it) are counted as not executing, and said.
        let unchecked = c.unchecked > 0 ? ", \(c.unchecked) not checked" : ""
        result["executes"] = QualityMeasure(value: share(c.executes), goal: "100 %", ok: total > 0 && c.executes == total,
                                            detail: ratio(c.executes) + unchecked)
        result["empty"] = QualityMeasure(value: share(c.empty), goal: "≤ 5 %", ok: total > 0 && share(c.empty) <= 0.05,
                                         detail: ratio(c.empty) + unchecked)
        result["degenerate"] = QualityMeasure(value: share(c.degenerate), goal: "≤ 5 %", ok: total > 0 && share(c.degenerate) <= 0.05,
                                              detail: ratio(c.degenerate) + unchecked)
        return result
    }
}
