import Foundation

/// The worker's settings, from the `DP_*` environment the responder hands on.
public struct WorkerConfiguration: Sendable {
    public var stateDatabaseURL: String
    /// Checked again by the worker on every business-database connection (the responder checked at create/execute).
    public var businessConnectionPolicy: BusinessConnectionPolicy
    public var tasksDirectory: URL
    /// Tables documented at once in step 1 (each holds a business-database connection while it works).
    public var maxConcurrentTables: Int
    public var heartbeatSeconds: Double
    /// `builtin` (offline, deterministic) or `openai` (any OpenAI-compatible endpoint, `DP_LLM_*`).
    public var llmProvider: String
    /// The chat endpoint when `llmProvider` is `openai`.
    public var llmEndpoint: OpenAIEndpoint?
    /// `builtin` (offline hashing embedder) or `openai` (`DP_EMBEDDING_*`).
    public var embeddingProvider: String
    /// The embeddings endpoint when `embeddingProvider` is `openai`.
    public var embeddingEndpoint: OpenAIEndpoint?
    /// Step 2: themes per group of tables, pairs per theme, tables per group.
    public var themeCount: Int
    public var pairsPerTheme: Int
    public var maxTablesPerThemeGroup: Int
    /// Step 3: SQLs validated at once (each holds one business-database connection).
    public var validationConcurrency: Int
    /// Step 3: `statement_timeout` of each `EXPLAIN`.
    public var validationTimeoutMilliseconds: Int
    /// Step 3: run every valid SQL and filter (or only report) the ones that return nothing useful.
    public var executionCheck: SQLExecutionCheckMode = .filter

    /// Model calls made at once by steps 2 and 3 (themes, repairs): the endpoint's bound, 4 for the built-in provider.
    public var llmConcurrency: Int { llmEndpoint?.maxConcurrency ?? 4 }

    public static func load(from environment: [String: String]) throws -> WorkerConfiguration {
        let reader = EnvironmentReader(environment)
        let stateURL = try reader.required("DP_STATE_DATABASE_URL")
        guard DatabaseURL.isPostgresURL(stateURL) else {
            throw ConfigurationError(variable: "DP_STATE_DATABASE_URL", problem: "must be a postgresql:// URL")
        }
        let llmProvider = try reader.oneOf("DP_LLM_PROVIDER", ["builtin", "openai"], default: "builtin")
        let embeddingProvider = try reader.oneOf("DP_EMBEDDING_PROVIDER", ["builtin", "openai"], default: "builtin")
        return WorkerConfiguration(
            stateDatabaseURL: stateURL,
            businessConnectionPolicy: try BusinessConnectionPolicy(environment: environment),
            tasksDirectory: URL(fileURLWithPath: reader.optional("DP_TASKS_DIR") ?? "var/tasks", isDirectory: true).standardizedFileURL,
            maxConcurrentTables: try reader.integer("DP_MAX_CONCURRENT_TABLES", default: 4, range: 1...64),
            heartbeatSeconds: Double(try reader.integer("DP_WORKER_HEARTBEAT_S", default: 5, range: 1...300)),
            llmProvider: llmProvider,
            llmEndpoint: llmProvider == "openai" ? try OpenAIEndpoint.fromEnvironment(prefix: .llm, env: environment) : nil,
            embeddingProvider: embeddingProvider,
            embeddingEndpoint: embeddingProvider == "openai"
                ? try OpenAIEndpoint.fromEnvironment(prefix: .embedding, env: environment) : nil,
            themeCount: try reader.integer("DP_QA_THEME_COUNT", default: 0, range: 0...50),
            pairsPerTheme: try reader.integer("DP_QA_PAIRS_PER_THEME", default: 10, range: 1...100),
            maxTablesPerThemeGroup: try reader.integer("DP_QA_MAX_TABLES_PER_GROUP", default: 20, range: 1...500),
            validationConcurrency: try reader.integer("DP_SQL_VALIDATION_CONCURRENCY", default: 4, range: 1...32),
            validationTimeoutMilliseconds: try reader.integer("DP_SQL_VALIDATION_TIMEOUT_MS", default: 10_000, range: 100...600_000),
            executionCheck: SQLExecutionCheckMode(rawValue: try reader.oneOf(
                "DP_SQL_EXECUTION_CHECK", SQLExecutionCheckMode.allCases.map(\.rawValue), default: "filter"))!)
    }
}
