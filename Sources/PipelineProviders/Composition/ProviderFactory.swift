import PipelineCore

/// Chooses the language model and embedding adapters from the configuration (`DP_LLM_PROVIDER`,
/// `DP_EMBEDDING_PROVIDER` and their endpoints): the one place both executables take them from, so the responder's
/// `/database/table/ddl` and `/training_data/search` use the models the worker's steps use.
public struct ProviderFactory: Sendable {
    public let configuration: WorkerConfiguration
    /// Loaded once, when a remote model is configured: a bad prompt override stops the process at start.
    private let prompts: PromptLibrary?

    public init(configuration: WorkerConfiguration, environment: [String: String]) throws {
        self.configuration = configuration
        prompts = configuration.llmEndpoint == nil ? nil : try PromptLibrary.load(environment: environment)
    }

    /// The configured language model, else `BuiltinLLM`. `observe` sees every remote call once (the worker writes
    /// them to the task's audit file and log, the responder to its log); `warn` gets the adapter's own warnings
    /// (an answer it could not use and replaced by the built-in one).
    public func llm(observe: (@Sendable (LLMCallRecord) -> Void)? = nil,
                    warn: (@Sendable (String) -> Void)? = nil) -> LLMProvider {
        guard let endpoint = configuration.llmEndpoint, let prompts else { return BuiltinLLM() }
        return OpenAICompatibleLLM(chat: OpenAIChatClient(endpoint: endpoint, audit: observe), prompts: prompts,
                                   log: warn, maxConcurrentCalls: endpoint.maxConcurrency)
    }

    /// The configured embedding model, else the deterministic `HashingEmbedder`.
    public func embedder() -> EmbeddingProvider {
        configuration.embeddingEndpoint.map { OpenAICompatibleEmbedder(endpoint: $0) } ?? HashingEmbedder()
    }
}
