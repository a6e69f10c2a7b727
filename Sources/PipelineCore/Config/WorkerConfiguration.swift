import Foundation

/// The worker's settings, from the `DP_*` environment the responder hands on.
public struct WorkerConfiguration: Sendable {
    public var stateDatabaseURL: String
    public var tasksDirectory: URL
    /// Tables documented at once in step 1 (each holds a business-database connection while it works).
    public var maxConcurrentTables: Int
    public var heartbeatSeconds: Double
    /// `builtin` (offline, deterministic) for now; an OpenAI-compatible provider plugs in later.
    public var llmProvider: String

    public static func load(from environment: [String: String]) throws -> WorkerConfiguration {
        let reader = EnvironmentReader(environment)
        let stateURL = try reader.required("DP_STATE_DATABASE_URL")
        guard DatabaseURL.isPostgresURL(stateURL) else {
            throw ConfigurationError(variable: "DP_STATE_DATABASE_URL", problem: "must be a postgresql:// URL")
        }
        return WorkerConfiguration(
            stateDatabaseURL: stateURL,
            tasksDirectory: URL(fileURLWithPath: reader.optional("DP_TASKS_DIR") ?? "var/tasks", isDirectory: true).standardizedFileURL,
            maxConcurrentTables: try reader.integer("DP_MAX_CONCURRENT_TABLES", default: 4, range: 1...64),
            heartbeatSeconds: Double(try reader.integer("DP_WORKER_HEARTBEAT_S", default: 5, range: 1...300)),
            llmProvider: try reader.oneOf("DP_LLM_PROVIDER", ["builtin"], default: "builtin"))
    }
}
