import Foundation

/// Where and how to call an OpenAI-compatible endpoint (DashScope/Qwen, DeepSeek, Ollama, vLLM, OpenAI itself).
///
/// Read from `DP_LLM_*` or `DP_EMBEDDING_*` by `fromEnvironment(prefix:env:)`; both composition roots use it.
/// `description` and `debugDescription` never print the API key.
public struct OpenAIEndpoint: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// Which variable family an endpoint is read from; the raw value is the variable prefix.
    public enum Prefix: String, Sendable {
        case llm = "DP_LLM"
        case embedding = "DP_EMBEDDING"
    }

    /// The API root, e.g. `https://dashscope.aliyuncs.com/compatible-mode/v1`; paths like `chat/completions` are
    /// appended to it. Never ends with a slash.
    public var baseURL: URL
    /// Sent as `Authorization: Bearer …`; nil for endpoints without authentication (Ollama, a local vLLM).
    public var apiKey: String?
    /// The model name sent with every request (`qwen-plus`, `text-embedding-v3`).
    public var model: String
    /// Bound of one HTTP attempt, connection included.
    public var timeoutSeconds: Double
    /// Extra attempts after the first on 429, 5xx, timeouts and connection errors.
    public var maxRetries: Int
    /// HTTP requests in flight at once through one client, over all calling threads.
    public var maxConcurrency: Int
    /// Ask for `response_format: {"type": "json_object"}` when a request wants JSON (most compatible servers
    /// accept it; turn off for one that rejects the field).
    public var jsonMode: Bool
    /// Fields merged into every request body, e.g. `{"enable_thinking": false}` for DashScope's Qwen3, which
    /// refuses non-streaming calls with thinking on. May override `temperature`, never `model`/`messages`/`stream`/`input`.
    public var extraBody: [String: JSONValue]
    /// Texts per `/embeddings` request (DashScope accepts at most 10).
    public var batchSize: Int
    /// The expected vector length; nil means "learn it from the first answer".
    public var dimension: Int?
    /// First backoff delay; attempt n waits about `retryBaseDelay × 2^(n-1)`, jittered, at most `retryMaxDelay`.
    public var retryBaseDelay: Double
    public var retryMaxDelay: Double
    /// The longest `Retry-After` honoured; a server asking for more gets this much.
    public var retryAfterCap: Double

    /// Body fields the client owns; `extraBody` may not set them.
    public static let reservedBodyFields: Set<String> = ["model", "messages", "stream", "input"]

    /// Settings with the documented defaults; `baseURL` is trimmed as `trimmedBase` says.
    public init(baseURL: URL, apiKey: String? = nil, model: String, timeoutSeconds: Double = 60, maxRetries: Int = 3,
                maxConcurrency: Int = 8, jsonMode: Bool = true, extraBody: [String: JSONValue] = [:],
                batchSize: Int = 10, dimension: Int? = nil, retryBaseDelay: Double = 0.5, retryMaxDelay: Double = 20,
                retryAfterCap: Double = 60) {
        self.baseURL = Self.trimmedBase(baseURL)
        self.apiKey = apiKey.flatMap { $0.isEmpty ? nil : $0 }
        self.model = model
        self.timeoutSeconds = timeoutSeconds
        self.maxRetries = maxRetries
        self.maxConcurrency = max(1, maxConcurrency)
        self.jsonMode = jsonMode
        self.extraBody = extraBody
        self.batchSize = max(1, batchSize)
        self.dimension = dimension
        self.retryBaseDelay = retryBaseDelay
        self.retryMaxDelay = retryMaxDelay
        self.retryAfterCap = retryAfterCap
    }

    /// `base` + `/` + `path`, e.g. `…/v1/chat/completions`.
    public func url(_ path: String) -> URL {
        URL(string: baseURL.absoluteString + "/" + path) ?? baseURL.appendingPathComponent(path)
    }

    /// The base URL as shown in messages: no user info, no query.
    public var displayBase: String {
        guard var parts = URLComponents(url: baseURL, resolvingAgainstBaseURL: false) else { return "(endpoint)" }
        parts.user = nil
        parts.password = nil
        parts.query = nil
        return parts.string ?? "(endpoint)"
    }

    /// Base URL, model, and whether a key is set (never the key).
    public var description: String {
        "\(displayBase) model=\(model) key=\(apiKey == nil ? "none" : "***")"
    }

    /// Every setting, the key masked.
    public var debugDescription: String {
        "OpenAIEndpoint(base: \(displayBase), model: \(model), key: \(apiKey == nil ? "none" : "***"), "
            + "timeout: \(timeoutSeconds)s, retries: \(maxRetries), concurrency: \(maxConcurrency), json: \(jsonMode), "
            + "extra: \(extraBody.keys.sorted()), batch: \(batchSize), dimension: \(dimension.map(String.init) ?? "auto"))"
    }

    /// Drops trailing slashes and an endpoint path pasted by mistake (`…/v1/chat/completions` → `…/v1`), so the
    /// client never requests `…/chat/completions/chat/completions`.
    static func trimmedBase(_ url: URL) -> URL {
        var text = url.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        for suffix in ["/chat/completions", "/embeddings"] where text.hasSuffix(suffix) {
            text.removeLast(suffix.count)
        }
        while text.hasSuffix("/") { text.removeLast() }
        return URL(string: text) ?? url
    }
}

extension OpenAIEndpoint {
    /// Reads `<P>_BASE_URL`, `<P>_API_KEY`, `<P>_MODEL`, `<P>_TIMEOUT_S`, `<P>_MAX_RETRIES`, `<P>_MAX_CONCURRENCY`,
    /// `<P>_EXTRA_BODY` (a JSON object), and `DP_LLM_JSON_MODE` or `DP_EMBEDDING_BATCH_SIZE` /
    /// `DP_EMBEDDING_DIMENSION`. A missing or bad value throws `ConfigurationError` naming the variable.
    public static func fromEnvironment(prefix: Prefix, env: [String: String]) throws -> OpenAIEndpoint {
        let reader = EnvironmentReader(env)
        let p = prefix.rawValue
        let baseText = try reader.required("\(p)_BASE_URL")
        guard let base = URL(string: baseText), let scheme = base.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = base.host, !host.isEmpty, base.query == nil else {
            throw ConfigurationError(variable: "\(p)_BASE_URL",
                                     problem: "must be an http(s) URL such as https://dashscope.aliyuncs.com/compatible-mode/v1")
        }
        var endpoint = OpenAIEndpoint(
            baseURL: base,
            apiKey: reader.optional("\(p)_API_KEY"),
            model: try reader.required("\(p)_MODEL"),
            timeoutSeconds: Double(try reader.integer("\(p)_TIMEOUT_S", default: 60, range: 1...3600)),
            maxRetries: try reader.integer("\(p)_MAX_RETRIES", default: 3, range: 0...10),
            maxConcurrency: try reader.integer("\(p)_MAX_CONCURRENCY", default: 8, range: 1...64),
            extraBody: try extraBody(reader, "\(p)_EXTRA_BODY"))
        switch prefix {
        case .llm:
            endpoint.jsonMode = try reader.oneOf("DP_LLM_JSON_MODE", ["on", "off", "true", "false", "1", "0"], default: "on")
                .isTruthy
        case .embedding:
            endpoint.jsonMode = false
            endpoint.batchSize = try reader.integer("DP_EMBEDDING_BATCH_SIZE", default: 10, range: 1...2048)
            if reader.optional("DP_EMBEDDING_DIMENSION") != nil {
                endpoint.dimension = try reader.integer("DP_EMBEDDING_DIMENSION", default: 0, range: 1...65536)
            }
        }
        return endpoint
    }

    private static func extraBody(_ reader: EnvironmentReader, _ name: String) throws -> [String: JSONValue] {
        guard let text = reader.optional(name) else { return [:] }
        guard case .object(let fields)? = JSONValue.parse(text) else {
            throw ConfigurationError(variable: name, problem: "must be a JSON object such as {\"enable_thinking\": false}")
        }
        let reserved = fields.keys.filter(reservedBodyFields.contains).sorted()
        guard reserved.isEmpty else {
            throw ConfigurationError(variable: name, problem: "must not set \(reserved.joined(separator: ", ")) (the client sets them)")
        }
        return fields
    }
}

private extension String {
    var isTruthy: Bool { self == "on" || self == "true" || self == "1" }
}
