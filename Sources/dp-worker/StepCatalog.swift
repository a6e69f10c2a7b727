import Foundation
import PipelineCore
import PipelineProviders
import PipelineSteps
import PipelineStore

/// The worker's composition: which adapter backs each step (the models come from `ProviderFactory`, as in the
/// responder).
enum StepCatalog {
    /// The four steps with the configured providers. With an OpenAI-compatible model, every call is appended to
    /// `llm_calls.jsonl` in the task directory (secrets masked) and logged with its latency and token usage.
    static func steps(_ configuration: WorkerConfiguration, environment: [String: String], directory: TaskDirectory,
                      log: TaskLog, secrets: [String]) throws -> [any PipelineStep] {
        let providers = try ProviderFactory(configuration: configuration, environment: environment)
        let llm = makeLLM(providers, directory: directory, log: log, secrets: secrets)
        let embedder = providers.embedder()
        // Every business connection of every step is checked: URL policy first, then the server's identity.
        let connectionGuard = BusinessConnectionGuard(
            policy: configuration.businessConnectionPolicy,
            state: StateClusterIdentity(stateDatabaseURL: configuration.stateDatabaseURL))
        return [
            DDLGenerationStep(
                makeIntrospector: { url in
                    PostgresSchemaIntrospector(connectionURL: url, maxConnections: configuration.maxConcurrentTables,
                                                      connectionGuard: connectionGuard)
                },
                // With a model, tables wait on its answers more than on the database: more of them at once (the
                // introspector's pool still holds at most DP_MAX_CONCURRENT_TABLES connections).
                llm: llm, maxConcurrentTables: max(configuration.maxConcurrentTables, configuration.llmEndpoint == nil ? 0 : configuration.llmConcurrency)),
            QAGenerationStep(llm: llm, options: QAGenerationOptions(
                themeCount: configuration.themeCount, pairsPerTheme: configuration.pairsPerTheme,
                maxTablesPerGroup: configuration.maxTablesPerThemeGroup, maxConcurrentThemes: configuration.llmConcurrency)),
            SQLValidationStep(
                makeValidator: { url in
                    PostgresSQLValidator(connectionURL: url, maxConnections: configuration.validationConcurrency,
                                         statementTimeoutMilliseconds: configuration.validationTimeoutMilliseconds,
                                         connectionGuard: connectionGuard)
                },
                llm: llm, options: SQLValidationOptions(maxConcurrency: configuration.validationConcurrency,
                                                        maxConcurrentRepairs: configuration.llmConcurrency,
                                                        executionCheck: configuration.executionCheck)),
            TrainingLoadStep(
                makeStore: { PostgresTrainingDataStore(url: configuration.stateDatabaseURL, applicationName: "dp-worker-training", maxConnections: 2) },
                embedder: embedder),
        ]
    }

    /// The configured model (`ProviderFactory`, shared with the responder). With an OpenAI-compatible one, every
    /// call is appended to `llm_calls.jsonl` in the task directory (secrets masked) and logged.
    private static func makeLLM(_ providers: ProviderFactory, directory: TaskDirectory, log: TaskLog,
                                secrets: [String]) -> LLMProvider {
        guard let endpoint = providers.configuration.llmEndpoint else { return providers.llm() }
        let audit = LLMCallAuditFile(url: directory.fileURL(SafeFileName("llm_calls.jsonl")!),
                                     secrets: secrets + [endpoint.apiKey].compactMap { $0 })
        return providers.llm(observe: { record in
            audit.hook(record)
            let tokens = [record.promptTokens.map { "输入 \($0)" }, record.completionTokens.map { "输出 \($0)" }].compactMap { $0 }
            let usage = tokens.isEmpty ? "" : "，tokens: \(tokens.joined(separator: " / "))"
            if let error = record.error {
                log.warning("llm", "模型调用失败 [\(record.kind)] \(record.latencyMilliseconds) ms，\(record.attempts) 次尝试: \(error)")
            } else {
                log.info("llm", "模型调用 [\(record.kind)] \(record.latencyMilliseconds) ms，\(record.attempts) 次尝试\(usage)")
            }
        }, warn: { log.warning("llm", $0) })
    }
}
