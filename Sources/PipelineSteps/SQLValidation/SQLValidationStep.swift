import Foundation
import PipelineCore

/// Step 3: every pair's SQL is checked by the `SQLValidator` (read-only gate, then `EXPLAIN` in a rolled-back
/// `READ ONLY` transaction); failures go to the LLM for repair when `enable_llm_repair` is set and are re-validated;
/// with `modify_original_file` the pair file is rewritten (repaired SQL in, still-invalid pairs out) after the
/// original is kept as `<file>.backup`. Then every valid SQL is run read-only and classified (`ExecutionCheck`,
/// `DP_SQL_EXECUTION_CHECK`); in `filter` mode the pairs that are not `ok` leave the rewritten file too. Writes the summary log and the JSON report (FORMATS.md §4). Items that are
/// not pairs (not an object; `question` or `sql` missing, null, not a string, empty) are counted and reported invalid
/// with their reason, and kept in a rewritten file as they were: nothing in the file disappears unexplained.
///
/// Input: the newest `*_pair.json` by modification time, which is the one step 2 just wrote, or the one a user
/// uploaded after editing it. Invalid SQL never fails the step; an unreachable database does.
public struct SQLValidationStep: PipelineStep {
    public let name = StepName.sqlValidation
    let makeValidator: @Sendable (String) -> SQLValidator
    let llm: LLMProvider
    let options: SQLValidationOptions

    public init(makeValidator: @escaping @Sendable (String) -> SQLValidator, llm: LLMProvider,
                options: SQLValidationOptions = SQLValidationOptions()) {
        self.makeValidator = makeValidator
        self.llm = llm
        self.options = options
    }

    public func run(_ context: StepContext) throws -> SQLValidationSummary {
        let started = Date()
        let log = context.log
        let input = try Self.newestPairFile(in: context.directory)
        let items: [PairFileItem]
        do {
            items = try PairFile.items(try Data(contentsOf: context.directory.fileURL(input)))
        } catch let error as PairFileError {
            throw StepFailure("\(error.description): \(input.rawValue)")
        }
        guard !items.isEmpty else { throw StepFailure("输入文件中没有找到有效的Question-SQL对: \(input.rawValue)") }
        log.info(name.rawValue, "开始验证 \(items.count) 个SQL（文件 \(input.rawValue)，并发 \(options.maxConcurrency)）")

        let validator = makeValidator(context.parameters.dbConnection)
        defer { validator.close() }
        var records = try validate(items, with: validator, context: context)
        try context.cancellation.check()

        if context.parameters.enableLLMRepair, records.contains(where: { !$0.valid }) {
            SQLRepair(llm: llm, validator: validator, batchSize: options.repairBatchSize, step: name)
                .repair(&records, context: context, maxConcurrency: options.maxConcurrentRepairs)
        }

        try ExecutionCheck(executor: validator, mode: options.executionCheck, maxConcurrency: options.maxConcurrency, step: name)
            .run(&records, context: context)
        try context.cancellation.check()
        if context.parameters.modifyOriginalFile {
            try ExecutionReplacement(validator: validator, llm: llm, step: name).run(&records, items: items, input: input, context: context)
        }

        let now = context.clock()
        var modification = PairFileRewrite.Stats()
        if context.parameters.modifyOriginalFile {
            modification = PairFileRewrite.apply(records, items: items, file: input, in: context.directory, now: now, log: log, step: name)
        }
        let duration = Date().timeIntervalSince(started)
        let report = SQLValidationReport(inputFile: input.rawValue, records: records, modification: modification,
                                         duration: duration, time: now, connection: DatabaseURL.masked(context.parameters.dbConnection),
                                         options: options, parameters: context.parameters)
        let summaryName = "sql_validation_\(LocalTimestamp.compact(now))_summary.log"
        try context.directory.writeAtomically(Data(report.summaryText().utf8), to: SafeFileName(summaryName)!)
        try context.directory.writeAtomically(report.jsonReport(), to: SafeFileName("sql_validation_\(LocalTimestamp.compact(now))_report.json")!)
        let result = report.result()
        log.info(name.rawValue, "SQL验证完成: 共 \(records.count) 个，有效 \(report.validCount) 个，无效 \(records.count - report.validCount) 个，修复成功 \(report.repairSuccessful) 个，报告 \(summaryName)")
        return result
    }

    /// The newest pair file by modification time (name as tie-break).
    static func newestPairFile(in directory: TaskDirectory) throws -> SafeFileName {
        let candidates = directory.listFiles().filter { PairFile.isPairFile($0.name) }
        guard let newest = candidates.max(by: { ($0.modifiedAt, $0.name) < ($1.modifiedAt, $1.name) }),
              let name = SafeFileName(newest.name) else {
            throw StepFailure("缺少Question-SQL文件（*_pair.json），请先执行 qa_generation 步骤")
        }
        return name
    }

    /// One record per item, in file order: pairs validated concurrently, malformed items invalid with their reason.
    private func validate(_ items: [PairFileItem], with validator: SQLValidator, context: StepContext) throws -> [SQLValidationRecord] {
        context.progress.start(name, total: items.count)
        let verdicts = BoundedConcurrency.map(items, maxConcurrency: options.maxConcurrency) { @Sendable item in
            defer { context.progress.advance() }
            guard case .pair(let entry) = item else { return Result<SQLVerdict, Error>?.none }
            guard !context.cancellation.isCancelled else { return .failure(ExecutionCancelled()) }
            return Result { try validator.validate(entry.sql!) }
        }
        var records: [SQLValidationRecord] = []
        for (offset, (item, verdict)) in zip(items, verdicts).enumerated() {
            guard case .pair(let entry) = item, let verdict else {
                records.append(malformedRecord(item, index: offset + 1, log: context.log))
                continue
            }
            switch verdict {
            case .failure(let error as ExecutionCancelled): throw error
            case .failure(let error):
                throw StepFailure("无法连接到数据库，SQL验证中止: \(PipelineOrchestrator.message(for: error))")
            case .success(let verdict):
                if let error = verdict.error, !verdict.isValid {
                    context.log.warning(name.rawValue, "SQL验证失败: \(error)\n  问题: \(entry.question!)\n  SQL: \(entry.sql!)")
                }
                records.append(SQLValidationRecord(index: offset + 1, question: entry.question!, sql: entry.sql!, valid: verdict.isValid,
                                                   error: verdict.error, executionTime: verdict.duration, retries: verdict.retries))
            }
        }
        return records
    }

    private func malformedRecord(_ item: PairFileItem, index: Int, log: TaskLog) -> SQLValidationRecord {
        let reason: String
        if case .malformed(_, let text) = item { reason = text } else { reason = "" }
        var question = "", sql = ""
        if case .object(let fields) = item.value {
            question = fields.first { $0.key.lowercased() == "question" }.map { Self.text(of: $0.value) } ?? ""
            sql = fields.first { $0.key.lowercased() == "sql" }.map { Self.text(of: $0.value) } ?? ""
        }
        log.warning(name.rawValue, "第 \(index) 个条目格式错误，计为无效并原样保留: \(reason)")
        return SQLValidationRecord(index: index, question: question, sql: sql, valid: false, error: "条目格式错误: \(reason)",
                                   executionTime: 0, retries: 0, malformed: true)
    }

    /// A field's value as report text: strings as they are, anything else as compact JSON (`42`, `null`).
    private static func text(of value: JSONValue) -> String {
        if case .string(let text) = value { return text }
        return String(decoding: (try? JSONEncoder().encode(value)) ?? Data("null".utf8), as: UTF8.self)
    }
}
