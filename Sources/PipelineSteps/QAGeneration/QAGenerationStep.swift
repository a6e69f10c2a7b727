import Foundation
import PipelineCore

/// Step 2: analysis themes from the table documents, then question–SQL pairs per theme (ARCHITECTURE.md §6,
/// FORMATS.md §3). Writes the pair file and its `.backup`, `metadata.txt`, `metadata_detail.md` and
/// `db_query_decision_prompt.txt`.
///
/// Works only from the task directory's files, so documents edited and uploaded by a user are what it reads.
/// A theme whose generation fails is logged and counted; duplicate pairs (same normalised SQL or same question)
/// are dropped.
public struct QAGenerationStep: PipelineStep {
    public let name = StepName.qaGeneration
    let llm: LLMProvider
    let options: QAGenerationOptions

    public init(llm: LLMProvider, options: QAGenerationOptions = QAGenerationOptions()) {
        self.llm = llm
        self.options = options
    }

    public func run(_ context: StepContext) throws -> QAGenerationSummary {
        let started = Date()
        let log = context.log
        let tables = try DocumentedTables.load(context, step: name)
        let model = SemanticModelFile.read(from: context.directory) { problem in
            log.warning(self.name.rawValue, "语义模型 \(SemanticModelFile.fileName) 无效，已忽略: \(problem)")
        }
        if model != nil { log.info(name.rawValue, "读取语义模型 \(SemanticModelFile.fileName)：度量的聚合方式以模型为准") }
        let groups = TableGrouping.groups(tables, maxTables: options.maxTablesPerGroup, model: model)
        log.info(name.rawValue, "读取到 \(tables.count) 个表的文档，分为 \(groups.count) 组提取主题（每组最多 \(options.maxTablesPerGroup) 个表）")

        let themed = try themes(for: groups, model: model, context: context)
        guard !themed.isEmpty else { throw StepFailure("未能从表文档中提取到任何分析主题") }
        log.info(name.rawValue, "提取到 \(themed.count) 个主题: \(themed.map(\.theme.name).joined(separator: "、"))")

        context.progress.start(name, total: themed.count)
        // The database summary needs the themes, not the pairs: it is written while the pairs are.
        let (outcomes, summary) = BoundedConcurrency.both({
            BoundedConcurrency.map(themed, maxConcurrency: self.options.maxConcurrentThemes) { @Sendable item in
                self.pairs(for: item.theme, tables: item.tables, model: model, context: context)
            }
        }, {
            self.databaseSummary(themed.map(\.theme), tables: tables, context: context)
        })
        try context.cancellation.check()

        var collector = PairCollector()
        var failedThemes: [String] = []
        for (item, outcome) in zip(themed, outcomes) {
            switch outcome {
            case .success(let pairs): collector.add(pairs, keep: options.pairsPerTheme)
            case .failure: failedThemes.append(item.theme.name)
            }
        }
        guard !collector.pairs.isEmpty else { throw StepFailure("所有主题均未生成有效的Question-SQL对") }

        let now = context.clock()
        let database = DatabaseURL.databaseName(context.parameters.dbConnection) ?? "database"
        let pairFile = PairFile.fileName(database: database, now: now)
        try GeneratedFileBackup.moveGeneratedFiles(of: context.directory, now: now, log: log) { name in
            PairFile.isPairFile(name) || name.hasSuffix("_pair.json.backup") || PairFile.isCandidatesFile(name)
        }
        let data = PairFile.render(collector.pairs.map(PairFileEntry.init))
        try context.directory.writeAtomically(data, to: SafeFileName(pairFile)!)
        try context.directory.writeAtomically(data, to: SafeFileName(pairFile + ".backup")!)
        try context.directory.writeAtomically(PairFile.render(collector.candidates.map(PairFileEntry.init)),
                                              to: SafeFileName(PairFile.candidatesFileName(of: pairFile))!)
        try writeMetadata(themed.map(\.theme), summary: summary, database: database, context: context)

        let duration = Date().timeIntervalSince(started)
        log.info(name.rawValue, "Question-SQL生成完成: \(collector.pairs.count) 对（去重 \(collector.duplicates) 对），主题成功 \(themed.count - failedThemes.count) 个，失败 \(failedThemes.count) 个，输出文件 \(pairFile)，耗时 \(String(format: "%.2f", duration)) 秒")
        return QAGenerationSummary(
            totalTables: tables.count, tableGroups: groups.count, totalThemes: themed.count,
            successfulThemes: themed.count - failedThemes.count, failedThemes: failedThemes,
            totalQuestions: collector.pairs.count, duplicatesDropped: collector.duplicates,
            replacementCandidates: collector.candidates.count, outputFile: pairFile, llmProvider: llm.name,
            duration: (duration * 100).rounded() / 100)
    }

    struct ThemedTables: Sendable {
        var theme: AnalysisTheme
        var tables: [TableDescription]
    }

    /// Themes of every group; a theme's tables are those of its group it names (unknown names are dropped).
    func themes(for groups: [[TableDescription]], model: SemanticModel?, context: StepContext) throws -> [ThemedTables] {
        let businessContext = context.parameters.businessContext
        let perGroup = BoundedConcurrency.map(groups, maxConcurrency: options.maxConcurrentThemes) { @Sendable group in
            Result { try self.llm.extractThemes(ThemeRequest(tables: group, businessContext: businessContext,
                                                             themeCount: self.options.themes(forGroupOf: group.count, groups: groups.count), semanticModel: model)) }
        }
        var themed: [ThemedTables] = []
        var names = Set<String>()
        for (group, outcome) in zip(groups, perGroup) {
            let byName = Dictionary(group.map { ($0.reference.documentName, $0) }, uniquingKeysWith: { first, _ in first })
            switch outcome {
            case .failure(let error):
                context.log.error(name.rawValue, "主题提取失败（\(group.count) 个表）: \(error)")
            case .success(let themes):
                for var theme in themes {
                    let unknown = theme.relatedTables.filter { byName[$0] == nil }
                    if !unknown.isEmpty { context.log.warning(name.rawValue, "主题 \(theme.name) 引用了不存在的表，已忽略: \(unknown.joined(separator: ", "))") }
                    theme.relatedTables = theme.relatedTables.filter { byName[$0] != nil }
                    guard !theme.relatedTables.isEmpty else { continue }
                    // Two groups may propose the same name (`订单统计分析` in two schemas): keep both, told apart.
                    if !names.insert(theme.name).inserted {
                        theme.name += "（\(theme.relatedTables[0])）"
                        guard names.insert(theme.name).inserted else { continue }
                    }
                    themed.append(ThemedTables(theme: theme, tables: theme.relatedTables.compactMap { byName[$0] }))
                }
            }
        }
        return themed
    }

    func pairs(for theme: AnalysisTheme, tables: [TableDescription], model: SemanticModel?,
                       context: StepContext) -> Result<[QuestionSQLPair], Error> {
        defer { context.progress.advance() }
        guard !context.cancellation.isCancelled else { return .failure(ExecutionCancelled()) }
        do {
            let pairs = try llm.generatePairs(PairRequest(theme: theme, tables: tables, businessContext: context.parameters.businessContext,
                                                          pairCount: options.pairsPerTheme, semanticModel: model,
                                                          spareCount: options.sparesPerTheme))
            context.log.info(name.rawValue, "主题 \(theme.name) 生成 \(pairs.count) 个问题")
            return .success(pairs)
        } catch {
            context.log.error(name.rawValue, "主题 \(theme.name) 生成失败: \(error)")
            return .failure(error)
        }
    }

    private func writeMetadata(_ themes: [AnalysisTheme], summary: String, database: String, context: StepContext) throws {
        let directory = context.directory
        let businessContext = context.parameters.businessContext
        try directory.writeAtomically(Data(ThemeMetadataFiles.sql(themes, businessContext: businessContext, database: database, now: context.clock()).utf8),
                                      to: SafeFileName(ThemeMetadataFiles.sqlFileName)!)
        try directory.writeAtomically(Data(ThemeMetadataFiles.document(themes).utf8), to: SafeFileName(ThemeMetadataFiles.documentFileName)!)
        try directory.writeAtomically(Data(summary.utf8), to: SafeFileName("db_query_decision_prompt.txt")!)
    }

    /// `db_query_decision_prompt.txt` from the provider, or built from the themes when it fails or says nothing.
    private func databaseSummary(_ themes: [AnalysisTheme], tables: [TableDescription], context: StepContext) -> String {
        let businessContext = context.parameters.businessContext
        var summary: String
        do {
            summary = try llm.describeDatabase(tables: tables, themes: themes, businessContext: businessContext)
        } catch {
            context.log.warning(name.rawValue, "数据库业务范围描述生成失败，使用主题信息代替: \(error)")
            summary = ""
        }
        if summary.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            summary = DatabaseScopeFallback.text(themes: themes, businessContext: businessContext)
        }
        return summary
    }
}
