import Foundation
import PipelineCore
import PipelineWording

extension DDLGenerationStep {
    /// Step 1 of a refresh: compares the task's documents (the files, uploaded or generated) and semantic model with
    /// the business database (`SchemaDriftComparison`, as `GET …/drift` does), then re-documents only the changed and
    /// added tables, moves the documents of gone tables into a `file_bak_*` directory, and updates the semantic model
    /// for those tables. The files of every other table are not written at all. Logs the decision per table.
    func refresh(_ context: StepContext, into state: RefreshState) throws -> DDLRefreshSummary {
        let started = Date()
        let log = context.log
        let directory = context.directory
        let (documented, problems) = try Self.documentedTables(directory)
        for problem in problems { log.warning(name.rawValue, problem) }
        let previousModel = SemanticModelFile.read(from: directory) { problem in
            log.warning(self.name.rawValue, "语义模型 \(SemanticModelFile.fileName) 无效，将按当前文档重建: \(problem)")
        }
        let listed = TableListFile.read(from: directory)?.tables ?? []
        let introspector = makeIntrospector(context.parameters.dbConnection)
        let request = SchemaDriftInspection.request(documented: documented, model: previousModel, listed: listed)
        let current = try introspector.currentSchema(request, options: options)
        let changes = SchemaDriftComparison(documented: documented, model: previousModel, listed: listed, current: current).changes()
        let scope = RefreshScope(documented: documented, changes: changes)
        state.scope = scope
        Self.logDecisions(scope, log: log, step: name)

        let files = DocumentFileIndex(directory: directory)
        try removeGone(scope, files: files, context: context, state: state)
        var redone: [TableReference: TableDescription] = [:]
        var failed: [String] = []
        var missing: [String] = []
        if !scope.redone.isEmpty || !scope.gone.isEmpty {
            let outcome = try redocument(scope, documented: documented, files: files, introspector: introspector,
                                         previousModel: previousModel, context: context, state: state)
            redone = outcome.tables
            failed = outcome.failed
            missing = outcome.missing
        }
        if !scope.added.isEmpty {
            try Self.appendToTableList(scope.added.map(\.table).filter { redone[$0] != nil }, listed: listed, directory: directory)
        }
        if !scope.added.isEmpty || !scope.gone.isEmpty {
            // Which files describe which table, as they are now (step 1 wrote it for the tables of its run).
            let now = DocumentFileIndex(directory: directory)
            let entries = now.bases.map { (table: $0.key, ddl: TableFileNames.ddlFileName($0.value), doc: TableFileNames.docFileName($0.value)) }
            try directory.writeAtomically(Data(FilenameMappingFile.render(entries).utf8), to: SafeFileName(FilenameMappingFile.fileName)!)
        }
        let duration = Date().timeIntervalSince(started)
        log.info(name.rawValue, "增量刷新文档完成: 比较 \(documented.count) 个表，变更 \(scope.changed.count) 个，新增 \(scope.added.count) 个，已删除 \(scope.gone.count) 个，未变更 \(scope.unchanged.count) 个；重新生成 \(redone.count) 个，失败 \(failed.count) 个，耗时 \(String(format: "%.2f", duration)) 秒")
        return DDLRefreshSummary(
            tablesCompared: documented.count, tablesChanged: scope.changed.count, tablesAdded: scope.added.count,
            tablesGone: scope.gone.count, tablesUnchanged: scope.unchanged.count,
            redocumented: scope.redone.filter { redone[$0] != nil }.map(\.description), failedTables: failed,
            missingTables: missing, filesRewritten: state.filesRewritten.count,
            sqlStatements: introspector.statementsSent, llmProvider: llm.name,
            duration: (duration * 100).rounded() / 100)
    }

    /// The task's documents; a task without any cannot be refreshed (the responder refuses it before; this is the
    /// worker's own check, for documents deleted in between).
    static func documentedTables(_ directory: TaskDirectory) throws -> (tables: [TableDescription], problems: [String]) {
        do {
            return try SchemaDriftInspection.documentedTables(in: directory)
        } catch PipelineError.driftWithoutTableDocuments {
            throw StepFailure(ReasonWording.text(.driftWithoutTableDocuments))
        }
    }

    static func logDecisions(_ scope: RefreshScope, log: TaskLog, step: StepName) {
        for reason in scope.changed {
            log.info(step.rawValue, "表 \(reason.table) 已变更，重新生成文档: \(reason.changes.map(\.message).joined(separator: "；"))")
        }
        for reason in scope.added {
            log.info(step.rawValue, "表 \(reason.table) 为新增表，生成文档并加入表清单: \(reason.changes.map(\.message).joined(separator: "；"))")
        }
        for reason in scope.gone {
            log.info(step.rawValue, "表 \(reason.table) 已不存在，移除其文档与训练数据")
        }
        for table in scope.unchanged {
            log.info(step.rawValue, "表 \(table) 未变更，保留原文档")
        }
        if scope.isEmpty { log.info(step.rawValue, "业务数据库未发生变更，无需重新生成文档") }
    }

    /// The documents of gone tables leave the directory for a `file_bak_*` directory (kept, not deleted).
    private func removeGone(_ scope: RefreshScope, files: DocumentFileIndex, context: StepContext, state: RefreshState) throws {
        let names = Set(scope.gone.flatMap { files.names(of: $0.table) })
        guard !names.isEmpty else { return }
        try GeneratedFileBackup.moveGeneratedFiles(of: context.directory, now: context.clock(), log: context.log) { names.contains($0) }
        state.filesRemoved = names.sorted()
    }

    private struct Redocumented {
        var tables: [TableReference: TableDescription]
        var failed: [String]
        var missing: [String]
    }

    /// Documents the changed and added tables (under their existing file names; an added table gets a new one), then
    /// the semantic model, then the documents again with the model's notes, as step 1 does.
    private func redocument(_ scope: RefreshScope, documented: [TableDescription], files: DocumentFileIndex,
                            introspector: SchemaIntrospector, previousModel: SemanticModel?, context: StepContext,
                            state: RefreshState) throws -> Redocumented {
        let log = context.log
        let names = scope.redone.compactMap { TableName($0.description) }
        let snapshot = names.isEmpty ? CatalogSnapshot(tables: [], missing: []) : try introspector.catalog(names)
        for missing in snapshot.missing { log.warning(name.rawValue, "表不存在或无权限访问，已跳过: \(missing)") }
        let byReference = Dictionary(documented.map { ($0.reference, $0) }, uniquingKeysWith: { first, _ in first })
        // The comments the documents hold (a user's edits included) stay; the model only fills what is missing.
        let seeded = snapshot.tables.map { table in byReference[table.reference].map { table.keepingComments(of: $0) } ?? table }
        var bases = files.bases
        for table in seeded where bases[table.reference] == nil { bases[table.reference] = files.freeBase(for: table.reference, taken: bases) }
        let fileBases = bases

        context.progress.start(name, total: seeded.count)
        let outcomes = BoundedConcurrency.map(seeded, maxConcurrency: maxConcurrentTables) { @Sendable table in
            self.document(table, base: fileBases[table.reference]!, introspector: introspector, context: context)
        }
        try context.cancellation.check()
        var described: [TableReference: TableDescription] = [:]
        var facts: [TableReference: SampledFacts] = [:]
        var docs: [TableReference: String] = [:]
        var failed: [String] = []
        for (table, outcome) in zip(seeded, outcomes) {
            switch outcome {
            case .documented(let ddl, let doc, let table, let sampled):
                described[table.reference] = table
                facts[table.reference] = sampled
                docs[table.reference] = doc
                state.filesRewritten += [ddl, doc]
            case .failed: failed.append(table.reference.description)
            case .cancelled: throw ExecutionCancelled()
            }
        }
        let gone = Set(scope.gone.map(\.table))
        var all = documented.filter { !gone.contains($0.reference) }.map { described[$0.reference] ?? $0 }
        all += scope.added.compactMap { described[$0.table] }
        if !described.isEmpty {
            let rebuilt = try semanticModel(all, snapshot: snapshot, facts: facts, introspector: introspector, log: log,
                                            confirming: previousModel == nil ? nil : Set(described.keys))
            let model = SemanticModelRefresh.merge(previous: previousModel, rebuilt: rebuilt, redone: Set(described.keys), gone: gone)
            try context.directory.writeAtomically(try SemanticModelFile.encode(model), to: SafeFileName(SemanticModelFile.fileName)!)
            for (reference, table) in described {
                let notes = SemanticNotes.lines(for: reference, in: model)
                try context.directory.writeAtomically(Data(TableDocFormatter.format(table, semanticNotes: notes).utf8),
                                                      to: SafeFileName(docs[reference]!)!)
            }
        } else if !gone.isEmpty, let previousModel {
            let model = SemanticModelRefresh.merge(previous: previousModel, rebuilt: SemanticModelBuilder(tables: all).build(),
                                                   redone: [], gone: gone)
            try context.directory.writeAtomically(try SemanticModelFile.encode(model), to: SafeFileName(SemanticModelFile.fileName)!)
        }
        return Redocumented(tables: described, failed: failed, missing: snapshot.missing.map(\.description))
    }

    /// Added tables join the table list (once), so later runs and step 2 see them.
    static func appendToTableList(_ tables: [TableReference], listed: [TableName], directory: TaskDirectory) throws {
        let known = Set(listed.map { TableReference(schema: $0.schema, name: $0.table) })
        let fresh = tables.filter { !known.contains($0) }
        guard !fresh.isEmpty else { return }
        let path = directory.fileURL(TableListFile.fileName).path
        var text = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
        if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
        for table in fresh { text += "\(table.description)\n" }
        try TableListFile.write(text: text, to: directory)
    }
}

extension TableDescription {
    /// This table as catalogued now, with the comments `documented` has where the database has none (same column
    /// name): a user's edited comment, or one generated before, is not asked of the model again.
    func keepingComments(of documented: TableDescription) -> TableDescription {
        var table = self
        if table.comment == nil { table.comment = documented.comment }
        let comments = Dictionary(documented.columns.map { ($0.name, $0.comment) }, uniquingKeysWith: { first, _ in first })
        for index in table.columns.indices where table.columns[index].comment == nil {
            table.columns[index].comment = comments[table.columns[index].name] ?? nil
        }
        return table
    }
}
