import PipelineCore
import PipelineProviders
import PipelineSteps
import PipelineStore

/// The composition root's one factory: which adapter backs each step.
enum StepCatalog {
    static func steps(_ configuration: WorkerConfiguration) -> [PipelineStep] {
        let llm = BuiltinLLM()
        let embedder = HashingEmbedder()
        return [
            DDLGenerationStep(
                makeIntrospector: { PostgresSchemaIntrospector(connectionURL: $0, maxConnections: configuration.maxConcurrentTables) },
                llm: llm, maxConcurrentTables: configuration.maxConcurrentTables),
            QAGenerationStep(llm: llm, options: QAGenerationOptions(
                themeCount: configuration.themeCount, pairsPerTheme: configuration.pairsPerTheme,
                maxTablesPerGroup: configuration.maxTablesPerThemeGroup)),
            SQLValidationStep(
                makeValidator: { url in
                    PostgresSQLValidator(connectionURL: url, maxConnections: configuration.validationConcurrency,
                                         statementTimeoutMilliseconds: configuration.validationTimeoutMilliseconds)
                },
                llm: llm, options: SQLValidationOptions(maxConcurrency: configuration.validationConcurrency)),
            TrainingLoadStep(
                makeStore: { PostgresTrainingDataStore(url: configuration.stateDatabaseURL, applicationName: "dp-worker-training", maxConnections: 2) },
                embedder: embedder),
        ]
    }
}
