import Foundation
import PipelineCore

/// Step 1: a `.ddl` and a `_detail.md` per listed table, plus `filename_mapping.txt` (FORMATS.md §1, §2) and the
/// semantic model `semantic_model.json` (docs/semantic-model.md).
///
/// Catalog facts and statistics for all tables come from a few set-based queries; then tables are sampled,
/// commented and written concurrently (bounded); then relationships are proposed by name, confirmed on the data
/// (a bounded number of statements for all candidates) and the model is written. A listed table that does not
/// exist is reported and skipped; one table's failure does not stop the others; cancellation is honoured between
/// tables.
public struct DDLGenerationStep: PipelineStep {
    public let name = StepName.ddlGeneration
    let makeIntrospector: @Sendable (String) -> SchemaIntrospector
    let llm: LLMProvider
    let options: IntrospectionOptions
    let maxConcurrentTables: Int

    public init(makeIntrospector: @escaping @Sendable (String) -> SchemaIntrospector, llm: LLMProvider,
                options: IntrospectionOptions = IntrospectionOptions(), maxConcurrentTables: Int) {
        self.makeIntrospector = makeIntrospector
        self.llm = llm
        self.options = options
        self.maxConcurrentTables = maxConcurrentTables
    }

    public func run(_ context: StepContext) throws -> DDLGenerationSummary {
        let started = Date()
        let log = context.log
        guard let list = TableListFile.read(from: context.directory), !list.tables.isEmpty else {
            throw StepFailure("表清单文件不存在或不包含有效的表名")
        }
        if !list.invalidNames.isEmpty {
            log.warning(name.rawValue, "表清单中的无效表名已跳过: \(list.invalidNames.joined(separator: ", "))")
        }
        log.info(name.rawValue, "从清单文件读取到 \(list.tables.count) 个表")
        let introspector = makeIntrospector(context.parameters.dbConnection)
        let snapshot = try introspector.catalog(list.tables)
        for missing in snapshot.missing {
            log.warning(name.rawValue, "表不存在或无权限访问，已跳过: \(missing)")
        }
        guard !snapshot.tables.isEmpty else { throw StepFailure("表清单中的表在数据库中均不存在或无权限访问") }

        let baseNames = TableFileNames.allocate(snapshot.tables.map(\.reference))
        context.progress.start(name, total: snapshot.tables.count)
        log.info(name.rawValue, "开始并发处理 \(snapshot.tables.count) 个表 (最大并发 \(maxConcurrentTables))")
        let outcomes = BoundedConcurrency.map(snapshot.tables, maxConcurrency: maxConcurrentTables) { @Sendable table in
            self.document(table, base: baseNames[table.reference]!, introspector: introspector, context: context)
        }
        try context.cancellation.check()

        var mapping: [(table: TableReference, ddl: String, doc: String)] = []
        var failed: [String] = []
        var documented: [TableDescription] = []
        var facts: [TableReference: SampledFacts] = [:]
        for (table, outcome) in zip(snapshot.tables, outcomes) {
            switch outcome {
            case .documented(let ddl, let doc, let described, let sampled):
                mapping.append((table.reference, ddl, doc))
                documented.append(described)
                facts[described.reference] = sampled
            case .failed: failed.append(table.reference.description)
            case .cancelled: throw ExecutionCancelled()
            }
        }
        guard !mapping.isEmpty else { throw StepFailure("所有表均处理失败，请查看日志") }
        try context.directory.writeAtomically(Data(FilenameMappingFile.render(mapping).utf8),
                                              to: SafeFileName(FilenameMappingFile.fileName)!)
        let modelStarted = Date()
        let model = try semanticModel(documented, snapshot: snapshot, facts: facts, introspector: introspector, log: log)
        try context.directory.writeAtomically(try SemanticModelFile.encode(model), to: SafeFileName(SemanticModelFile.fileName)!)
        // The documents gain what the model learned (roles, ranges, code meanings, relationships): known only now.
        for (entry, described) in zip(mapping, documented) {
            let notes = SemanticNotes.lines(for: entry.table, in: model)
            try context.directory.writeAtomically(Data(TableDocFormatter.format(described, semanticNotes: notes).utf8),
                                                  to: SafeFileName(entry.doc)!)
        }
        let inferred = model.relationships.filter { $0.source == .inferred }.count
        log.info(name.rawValue, "语义模型已生成: \(model.tables.count) 个表，关系 \(model.relationships.count) 个（推断 \(inferred) 个），连接路径 \(model.joinPaths.count) 条，耗时 \(String(format: "%.2f", Date().timeIntervalSince(modelStarted))) 秒 -> \(SemanticModelFile.fileName)")
        let duration = Date().timeIntervalSince(started)
        log.info(name.rawValue, "DDL/MD生成完成: 成功 \(mapping.count) 个，失败 \(failed.count) 个，不存在 \(snapshot.missing.count) 个，耗时 \(String(format: "%.2f", duration)) 秒，SQL语句 \(introspector.statementsSent) 条")
        return DDLGenerationSummary(
            totalTables: list.tables.count, processedSuccessfully: mapping.count, failed: failed.count,
            failedTables: failed, missingTables: snapshot.missing.map(\.description), filesGenerated: mapping.count * 2 + 2,
            sqlStatements: introspector.statementsSent, semanticRelationships: model.relationships.count,
            semanticRelationshipsInferred: inferred, llmProvider: llm.name, duration: (duration * 100).rounded() / 100)
    }

    enum Outcome: Sendable {
        case documented(ddl: String, doc: String, table: TableDescription, facts: SampledFacts)
        case failed
        case cancelled
    }

    /// Documents (`TableDocumenter`, shared with `/database/table/ddl`) and writes one table; failures are logged and
    /// counted, never thrown.
    func document(_ table: TableDescription, base: String, introspector: SchemaIntrospector,
                          context: StepContext) -> Outcome {
        guard !context.cancellation.isCancelled else { return .cancelled }
        let log = context.log
        let label = table.reference.description
        defer { context.progress.advance() }
        do {
            let documented = try TableDocumenter(llm: llm, options: options).document(
                table, businessContext: context.parameters.businessContext, introspector: introspector, withFacts: true)
            if let failure = documented.commentFailure {
                log.warning(name.rawValue, "表 \(table.reference) 注释生成失败，保留原有注释: \(failure)")
            }
            let described = documented.table
            let ddl = TableFileNames.ddlFileName(base)
            let doc = TableFileNames.docFileName(base)
            try context.directory.writeAtomically(Data(DDLFormatter.format(described).utf8), to: SafeFileName(ddl)!)
            try context.directory.writeAtomically(Data(TableDocFormatter.format(described).utf8), to: SafeFileName(doc)!)
            log.info(name.rawValue, "表 \(label) 处理完成: \(described.columns.count) 个字段，约 \(described.estimatedRows.map(String.init) ?? "未知") 行 -> \(ddl), \(doc)")
            return .documented(ddl: ddl, doc: doc, table: described, facts: documented.facts)
        } catch {
            log.error(name.rawValue, "表 \(label) 处理失败: \(PipelineOrchestrator.message(for: error))")
            return .failed
        }
    }

    /// The model of the documented tables: candidates by name, confirmed on the data, then roles, kinds and paths.
    /// A failed confirmation (the business database went away) leaves the inferred relationships out, logged.
    /// `confirming` (a refresh's redone tables) limits the data checks to candidates with an end among them.
    func semanticModel(_ tables: [TableDescription], snapshot: CatalogSnapshot, facts: [TableReference: SampledFacts],
                               introspector: SchemaIntrospector, log: TaskLog,
                               confirming: Set<TableReference>? = nil) throws -> SemanticModel {
        let started = Date()
        let candidates = RelationshipCandidates.propose(tables, statistics: snapshot.statistics).filter { candidate in
            confirming.map { $0.contains(candidate.child) || $0.contains(candidate.parent) } ?? true
        }
        var checks: [RelationshipCheck] = []
        if !candidates.isEmpty {
            do {
                checks = try introspector.confirm(candidates, options: options)
            } catch {
                log.warning(name.rawValue, "关系推断的数据核验失败，仅保留已声明的外键: \(PipelineOrchestrator.message(for: error))")
            }
        }
        log.info(name.rawValue, "按名称规则找到 \(candidates.count) 个候选关系，已在数据上核验 \(checks.count) 个，耗时 \(String(format: "%.2f", Date().timeIntervalSince(started))) 秒")
        return SemanticModelBuilder(tables: tables, statistics: snapshot.statistics, facts: facts, checks: checks,
                                    minimumMatch: options.relationshipMinimumMatch).build()
    }
}
