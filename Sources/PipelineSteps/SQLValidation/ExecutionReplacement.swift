import Foundation
import PipelineCore

/// Pairs the execution check filtered are replaced, in place: first by step 2's candidates for the same theme
/// (`<pair file stem>_candidates.json`, best first, then any theme's), then — with `enable_llm_repair` — by the
/// model, told why the pair was filtered. A replacement counts only when it passes the same gate, `EXPLAIN` and
/// execution check as the original; the filtered pair stays in the report with its class.
struct ExecutionReplacement {
    let validator: SQLValidator
    let llm: LLMProvider
    let step: StepName
    /// Candidates tried per filtered pair before giving up on it.
    static let attemptsPerPair = 3

    func run(_ records: inout [SQLValidationRecord], items: [PairFileItem], input: SafeFileName, context: StepContext) throws {
        let filtered = records.indices.filter { records[$0].filtered }
        guard !filtered.isEmpty else { return }
        var pool = candidates(for: input, excluding: records, context: context)
        var replaced = 0
        for position in filtered {
            try context.cancellation.check()
            let theme = Self.theme(of: items[position])
            let ordered = pool.indices.filter { Self.theme(of: pool[$0]) == theme } + pool.indices.filter { Self.theme(of: pool[$0]) != theme }
            var used: [Int] = []
            for index in ordered.prefix(Self.attemptsPerPair) {
                used.append(index)
                if try accept(pool[index], for: &records[position], context: context) { break }
            }
            pool = pool.enumerated().filter { !used.contains($0.offset) }.map(\.element)
            if records[position].replacement != nil { replaced += 1 }
        }
        if context.parameters.enableLLMRepair {
            replaced += try askModel(&records, positions: filtered.filter { records[$0].replacement == nil }, context: context)
        }
        context.log.info(step.rawValue, "执行检查移出 \(filtered.count) 个问题对，替换 \(replaced) 个（候选问题对\(context.parameters.enableLLMRepair ? "及LLM改写" : "")）")
    }

    /// The candidates file's pairs whose shape is not already in the pair file.
    private func candidates(for input: SafeFileName, excluding records: [SQLValidationRecord], context: StepContext) -> [PairFileEntry] {
        guard let name = SafeFileName(PairFile.candidatesFileName(of: input.rawValue)),
              let data = try? Data(contentsOf: context.directory.fileURL(name)),
              let items = try? PairFile.items(data) else { return [] }
        let present = Set(records.map { ReadOnlySQL.shape($0.finalSQL) ?? $0.finalSQL })
        return items.compactMap { item in
            guard case .pair(let entry) = item, let sql = entry.sql, !present.contains(ReadOnlySQL.shape(sql) ?? sql) else { return nil }
            return entry
        }
    }

    /// Validates and runs the candidate; when it is `ok` it becomes the record's replacement.
    private func accept(_ candidate: PairFileEntry, for record: inout SQLValidationRecord, context: StepContext) throws -> Bool {
        guard let sql = candidate.sql, candidate.question != nil else { return false }
        let verdict = try validator.validate(sql)
        guard verdict.isValid else { return false }
        let (kind, _) = SQLExecutionClassifier.classify(sql: sql, try validator.execute(sql, rowLimit: SQLExecutionClassifier.rowLimit))
        guard kind == .ok else {
            context.log.write(.debug, step.rawValue, "候选问题对未通过执行检查（\(kind.rawValue)）: \(candidate.question ?? "")")
            return false
        }
        record.replacement = candidate
        context.log.write(.debug, step.rawValue, "第\(record.index)个问题对由候选替换: \(candidate.question ?? "")")
        return true
    }

    /// One batch to the model with each pair's reason; its answers are checked like candidates.
    private func askModel(_ records: inout [SQLValidationRecord], positions: [Int], context: StepContext) throws -> Int {
        guard !positions.isEmpty else { return 0 }
        let items = positions.map { position in
            let record = records[position]
            return SQLRepairItem(question: record.question, sql: record.finalSQL,
                                 error: "执行检查未通过（\(record.execution?.rawValue ?? "")：\(record.executionReason ?? "")），请改写SQL，使其在该数据库上返回有意义的结果")
        }
        let tables = (try? DocumentedTables.load(context, step: step)) ?? []
        guard let answers = try? llm.repairSQL(SQLRepairRequest(items: items, tables: tables)) else { return 0 }
        var replaced = 0
        for (position, answer) in zip(positions, answers) {
            guard var sql = answer.map(CommentText.singleLine), !sql.isEmpty else { continue }
            if !sql.hasSuffix(";") { sql += ";" }
            let entry = PairFileEntry(QuestionSQLPair(question: records[position].question, sql: sql))
            if try accept(entry, for: &records[position], context: context) { replaced += 1 }
        }
        return replaced
    }

    static func theme(of item: PairFileItem) -> String? {
        guard case .pair(let entry) = item else { return nil }
        return theme(of: entry)
    }

    static func theme(of entry: PairFileEntry) -> String? {
        if case .string(let theme)? = entry.fields["theme"] { return theme }
        return nil
    }
}
