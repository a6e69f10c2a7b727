import Foundation

/// A configuration value that cannot be used; the process stops at start with this one line.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    public var variable: String
    public var problem: String

    public init(variable: String, problem: String) {
        self.variable = variable
        self.problem = problem
    }

    public var description: String { "configuration error: \(variable): \(problem)" }
}

/// The responder's settings, from `DP_*` environment variables (ARCHITECTURE.md §5).
public struct ServiceConfiguration: Sendable {
    public var stateDatabaseURL: String
    public var businessDatabaseURL: String?
    /// `DP_BUSINESS_HOSTS`, `DP_BUSINESS_SOCKET_DIRS`: which business databases requests may name.
    public var businessConnectionPolicy: BusinessConnectionPolicy
    public var tasksDirectory: URL
    /// Unix socket path to listen on; nil means the socket is inherited as fd 0 (spawn-fcgi, systemd).
    public var fcgiSocket: String?
    public var fcgiSocketMode: UInt16
    public var fcgiThreads: Int
    public var maxUploadBytes: Int
    /// Largest JSON body accepted by JSON routes.
    public var maxJSONBytes: Int
    /// When set, downloads are handed to nginx with `X-Accel-Redirect: <prefix><task>/<file>`.
    public var accelRedirectPrefix: String?
    /// When set, every API request must carry `Authorization: Bearer <token>`.
    public var apiToken: String?
    public var logLevel: String
    /// Seconds without a heartbeat after which a running task's worker counts as lost.
    public var workerTimeoutSeconds: Int
    /// How often an execution whose worker was lost is queued again, from its first unfinished step
    /// (`DP_RETRY_LOST_EXECUTIONS`, default 0: a lost execution fails).
    public var retryLostExecutions: Int
    /// This host's id (`DP_HOST_ID`, default the hostname; `HostIdentity`).
    public var hostID: String
    /// Workers this host runs at once (`DP_MAX_WORKERS`); further executions wait in the queue.
    public var maxWorkers: Int
    /// The `dp-worker` executable; nil means "next to the running executable".
    public var workerBinary: String?
    /// Serve status polls and task lists from the notification-invalidated cache (`DP_READ_CACHE=off` disables it).
    public var readCacheEnabled: Bool
    /// The only directory the deprecated `table_list_file` parameter may read from; nil refuses the parameter.
    public var tableListDirectory: URL?
    /// The `DP_*` settings as loaded (file merged with environment), handed on to workers.
    public var pipelineEnvironment: [String: String]

    public static func load(from environment: [String: String]) throws -> ServiceConfiguration {
        let reader = EnvironmentReader(environment)
        let stateURL = try reader.required("DP_STATE_DATABASE_URL")
        guard DatabaseURL.isPostgresURL(stateURL) else {
            throw ConfigurationError(variable: "DP_STATE_DATABASE_URL", problem: "must be a postgresql:// URL")
        }
        let businessURL = reader.optional("DP_BUSINESS_DATABASE_URL")
        if let businessURL, !DatabaseURL.isPostgresURL(businessURL) {
            throw ConfigurationError(variable: "DP_BUSINESS_DATABASE_URL", problem: "must be a postgresql:// URL")
        }
        return ServiceConfiguration(
            stateDatabaseURL: stateURL,
            businessDatabaseURL: businessURL,
            businessConnectionPolicy: try BusinessConnectionPolicy(environment: environment),
            tasksDirectory: URL(fileURLWithPath: reader.optional("DP_TASKS_DIR") ?? "var/tasks", isDirectory: true)
                .standardizedFileURL,
            fcgiSocket: reader.optional("DP_FCGI_SOCKET"),
            fcgiSocketMode: try reader.octal("DP_FCGI_SOCKET_MODE", default: 0o660),
            fcgiThreads: try reader.integer("DP_FCGI_THREADS", default: 8, range: 1...256),
            maxUploadBytes: try reader.integer("DP_MAX_UPLOAD_MB", default: 10, range: 1...1024) * 1024 * 1024,
            maxJSONBytes: try reader.integer("DP_MAX_JSON_KB", default: 1024, range: 1...65536) * 1024,
            accelRedirectPrefix: reader.optional("DP_ACCEL_REDIRECT_PREFIX"),
            apiToken: reader.optional("DP_API_TOKEN"),
            logLevel: try reader.oneOf("DP_LOG_LEVEL", ["trace", "debug", "info", "notice", "warning", "error"], default: "info"),
            workerTimeoutSeconds: try reader.integer("DP_WORKER_TIMEOUT_S", default: 30, range: 5...86400),
            retryLostExecutions: try reader.integer("DP_RETRY_LOST_EXECUTIONS", default: 0, range: 0...10),
            hostID: HostIdentity.resolve(environment),
            maxWorkers: try reader.integer("DP_MAX_WORKERS", default: HostIdentity.defaultMaxWorkers, range: 1...1024),
            workerBinary: reader.optional("DP_WORKER_BIN"),
            readCacheEnabled: try reader.oneOf("DP_READ_CACHE", ["on", "off"], default: "on") == "on",
            tableListDirectory: reader.optional("DP_TABLE_LIST_DIR").map { URL(fileURLWithPath: $0, isDirectory: true) },
            pipelineEnvironment: environment.filter { $0.key.hasPrefix("DP_") && $0.key != "DP_ENV_FILE" }
        )
    }
}

/// Typed reads of environment variables with one clear error per bad value.
struct EnvironmentReader {
    let environment: [String: String]

    init(_ environment: [String: String]) {
        self.environment = environment
    }

    func optional(_ name: String) -> String? {
        guard let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    func required(_ name: String) throws -> String {
        guard let value = optional(name) else { throw ConfigurationError(variable: name, problem: "is required") }
        return value
    }

    func integer(_ name: String, default fallback: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text = optional(name) else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw ConfigurationError(variable: name, problem: "must be an integer in \(range.lowerBound)...\(range.upperBound), got '\(text)'")
        }
        return value
    }

    func octal(_ name: String, default fallback: UInt16) throws -> UInt16 {
        guard let text = optional(name) else { return fallback }
        guard let value = UInt16(text, radix: 8), value <= 0o777 else {
            throw ConfigurationError(variable: name, problem: "must be an octal file mode such as 0660, got '\(text)'")
        }
        return value
    }

    func oneOf(_ name: String, _ allowed: [String], default fallback: String) throws -> String {
        guard let text = optional(name)?.lowercased() else { return fallback }
        guard allowed.contains(text) else {
            throw ConfigurationError(variable: name, problem: "must be one of \(allowed.joined(separator: ", ")), got '\(text)'")
        }
        return text
    }
}
