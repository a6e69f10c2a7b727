import Foundation
import PipelineCore

/// Builds `quality_report.json` from what a task directory holds (docs/quality-report.md): the newest pair file,
/// `semantic_model.json`, the `.ddl` files, step 3's newest report and step 4's self-test. Reads files only, so it
/// computes whatever the steps that ran so far allow.
struct QualityReportBuilder {
    let directory: TaskDirectory

    func build(after step: StepName?, now: Date) -> QualityReport {
        let started = Date()
        let pairFile = try? SQLValidationStep.newestPairFile(in: directory)
        let pairs = pairFile.flatMap { name in
            (try? Data(contentsOf: directory.fileURL(name))).flatMap { try? PairFile.parse($0).entries }
        } ?? []
        let model = SemanticModelFile.read(from: directory)
        let columns = ModelColumns(model)
        let facts = Self.facts(pairs, model: columns)
        let comments = DDLComment.all(in: directory)
        let validation = ValidationReportFile.newest(in: directory)
        let checked = validation.map { $0.mode != SQLExecutionCheckMode.off.rawValue } ?? false
        let classes = checked ? validation?.classes(of: pairs) : nil
        let coverage = model.map { CoverageReport(model: $0, facts: facts) }
        let counts = QualityMeasures.counts(facts, classes: classes, coverage: (coverage?.businessColumns ?? 0, coverage?.usedBusinessColumns ?? 0),
                                            comments: comments)
        let measures = QualityMeasures.measures(counts, executionChecked: checked)
        let (retrieval, stale) = retrievalSelfTest(newerThan: pairFile)
        let warnings = QualityWarnings.collect(model: model, coverage: coverage, validation: validation, measures: measures,
                                               pairFile: pairFile?.rawValue, retrievalStale: stale)
        return QualityReport(
            taskID: directory.taskID.rawValue, generatedAt: LocalTimestamp.iso(now), writtenAfter: step?.rawValue ?? "",
            pairFile: pairFile?.rawValue, semanticModel: model != nil, measures: measures,
            shapes: Self.shapes(facts), difficulty: Self.difficulty(facts), coverage: coverage,
            execution: validation.map { ExecutionSection($0, pairClasses: classes ?? pairs.map { _ in nil }) },
            relationships: model.map { RelationshipUse(model: $0, facts: facts) }, retrieval: retrieval,
            warnings: warnings, durationMS: Int(Date().timeIntervalSince(started) * 1000))
    }

    /// Each pair's facts, on every core: parsing is most of the report's time (a scan, a parse and a fingerprint
    /// per pair). Threads with the gate's stack size, which the parse tree's depth bound is measured against.
    static func facts(_ pairs: [PairFileEntry], model: ModelColumns) -> [PairQualityFacts] {
        BoundedConcurrency.map(pairs, maxConcurrency: ProcessInfo.processInfo.activeProcessorCount) { pair in
            PairQualityFacts(pair, model: model)
        }
    }

    static func shapes(_ facts: [PairQualityFacts]) -> ShapeVariety {
        var byShape: [String: [Int]] = [:]
        for (offset, fact) in facts.enumerated() { byShape[fact.placeholderShape, default: []].append(offset + 1) }
        let repeated = byShape.filter { $0.value.count > 1 }
            .sorted { ($0.value.count, $1.value.first ?? 0) > ($1.value.count, $0.value.first ?? 0) }
            .prefix(10).map { ShapeVariety.RepeatedShape(shape: $0.key, pairs: $0.value) }
        return ShapeVariety(pairs: facts.count, placeholderShapes: byShape.count,
                            fingerprints: Set(facts.map(\.fingerprint)).count, repeated: Array(repeated))
    }

    /// Pairs per difficulty (the pair's own `difficulty`, else from its structure) and how many said their own.
    static func difficulty(_ facts: [PairQualityFacts]) -> [String: Int] {
        var spread = Dictionary(uniqueKeysWithValues: QuestionDifficulty.allCases.map { ($0.rawValue, 0) })
        for fact in facts { spread[fact.difficulty.rawValue, default: 0] += 1 }
        spread["declared"] = facts.filter(\.difficultyDeclared).count
        return spread
    }

    /// Step 4's self-test from `training_load_result.json`, and whether it predates the pair file (the pairs changed
    /// since: the test no longer describes them).
    private func retrievalSelfTest(newerThan pairFile: SafeFileName?) -> (RetrievalSelfTestResult?, Bool) {
        let name = SafeFileName("\(StepName.trainingLoad.rawValue)_result.json")!
        guard let data = try? Data(contentsOf: directory.fileURL(name)),
              case .object(let result)? = try? JSONDecoder().decode(JSONValue.self, from: data),
              let selfTest = result["retrieval_self_test"],
              let decoded = try? JSONDecoder().decode(RetrievalSelfTestResult.self, from: JSONEncoder().encode(selfTest)) else {
            return (nil, false)
        }
        let loadedAt = directory.fileInfo(name)?.modifiedAt ?? .distantPast
        let pairsAt = pairFile.flatMap { directory.fileInfo($0)?.modifiedAt } ?? .distantPast
        return (decoded, pairsAt > loadedAt)
    }
}

