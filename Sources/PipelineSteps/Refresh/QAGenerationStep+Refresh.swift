import Foundation
import PipelineCore

extension QAGenerationStep {
    /// Step 2 of a refresh, on the newest pair file: every pair is planned again (the SQL gate and `EXPLAIN`, as
    /// step 3 and `GET …/drift` do) and the ones that no longer plan leave the file, each logged with its reason;
    /// every other pair stays exactly as it was. Then themes are extracted again only for the table groups holding
    /// a redone table, pairs generated only for the themes touching one, and of those the pairs that touch a redone
    /// table and are new (not the same question or query shape as a kept pair) are appended. Without a pair file
    /// (step 2 never ran) this is step 2 itself.
    func refresh(_ context: StepContext, into state: RefreshState, validator: SQLValidator, maxConcurrency: Int) throws -> any StepResultSummary {
        let started = Date()
        let log = context.log
        guard let input = try? SQLValidationStep.newestPairFile(in: context.directory) else {
            log.info(name.rawValue, "没有Question-SQL文件，按完整步骤生成")
            return try run(context)
        }
        let items: [PairFileItem]
        do {
            items = try PairFile.items(try Data(contentsOf: context.directory.fileURL(input)))
        } catch let error as PairFileError {
            throw StepFailure("\(error.description): \(input.rawValue)")
        }
        let verdicts = BoundedConcurrency.map(items, maxConcurrency: max(1, maxConcurrency)) { @Sendable item -> Result<SQLVerdict, Error>? in
            guard case .pair(let entry) = item else { return nil }
            return Result { try validator.validate(entry.sql!) }
        }
        var kept: [JSONValue] = []
        var keptPairs: [QuestionSQLPair] = []
        for (item, verdict) in zip(items, verdicts) {
            guard case .pair(let entry) = item, let verdict else {
                kept.append(item.value)
                continue
            }
            let outcome = try verdict.get()
            if outcome.isValid {
                kept.append(item.value)
                keptPairs.append(QuestionSQLPair(question: entry.question!, sql: entry.sql!))
            } else {
                let reason = outcome.error ?? "校验失败"
                log.info(name.rawValue, "问题对已失效，移除: \(entry.question!) — \(reason)")
                state.droppedPairs.append(.object([
                    "question": .string(entry.question!), "reason": .string(reason), "sql": .string(entry.sql!),
                    "tables": .array(entry.tables.map(JSONValue.string)),
                ]))
            }
        }
        state.pairsKept = keptPairs.count
        try context.cancellation.check()

        let fresh = try newPairs(for: Set(state.scope.redone), keeping: keptPairs, context: context, state: state)
        state.pairsAdded = fresh.count
        if !state.droppedPairs.isEmpty || !fresh.isEmpty {
            let data = PairFile.render(values: kept + fresh.map { .object(PairFileEntry($0).fields) })
            try context.directory.writeAtomically(data, to: input)
            try context.directory.writeAtomically(data, to: SafeFileName(input.rawValue + ".backup")!)
        }
        let duration = Date().timeIntervalSince(started)
        log.info(name.rawValue, "增量刷新问题对完成: 保留 \(keptPairs.count) 对，移除失效 \(state.droppedPairs.count) 对，新增 \(fresh.count) 对（重新生成主题 \(state.themesRegenerated.count) 个），文件 \(input.rawValue)，耗时 \(String(format: "%.2f", duration)) 秒")
        return QARefreshSummary(
            outputFile: input.rawValue, pairsKept: keptPairs.count, pairsDropped: state.droppedPairs.count,
            pairsAdded: fresh.count, themesRegenerated: state.themesRegenerated, llmProvider: llm.name,
            duration: (duration * 100).rounded() / 100)
    }

    /// Pairs of the analyses that touch a redone table, new against `keeping`; only the ones touching such a table.
    private func newPairs(for redone: Set<TableReference>, keeping: [QuestionSQLPair], context: StepContext,
                          state: RefreshState) throws -> [QuestionSQLPair] {
        guard !redone.isEmpty else { return [] }
        let log = context.log
        let tables = try DocumentedTables.load(context, step: name)
        let model = SemanticModelFile.read(from: context.directory) { problem in
            log.warning(self.name.rawValue, "语义模型 \(SemanticModelFile.fileName) 无效，已忽略: \(problem)")
        }
        let groups = TableGrouping.groups(tables, maxTables: options.maxTablesPerGroup, model: model)
            .filter { group in group.contains { redone.contains($0.reference) } }
        let themed = try themes(for: groups, model: model, context: context)
            .filter { item in item.tables.contains { redone.contains($0.reference) } }
        state.themesRegenerated = themed.map(\.theme.name)
        for item in themed {
            log.info(name.rawValue, "重新生成主题 \(item.theme.name) 的问题对（涉及表 \(item.tables.filter { redone.contains($0.reference) }.map(\.reference.description).joined(separator: ", "))）")
        }
        context.progress.start(name, total: themed.count)
        let outcomes = BoundedConcurrency.map(themed, maxConcurrency: options.maxConcurrentThemes) { @Sendable item in
            self.pairs(for: item.theme, tables: item.tables, model: model, context: context)
        }
        try context.cancellation.check()
        // The regenerated analyses choose their pairs as step 2 does; of those, the ones a kept pair already asks
        // (same question or query shape) are that pair, kept as it is.
        var collector = PairCollector()
        for outcome in outcomes {
            if case .success(let pairs) = outcome { collector.add(pairs, keep: options.pairsPerTheme) }
        }
        var known = PairCollector()
        known.add(keeping)
        let match = PairTableMatch(redone)
        return collector.pairs.filter { pair in
            !known.contains(pair) && match.matches(tables: pair.tables ?? [], sql: pair.sql)
        }
    }
}
