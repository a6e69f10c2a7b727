import Foundation

/// A fake OpenAI-compatible HTTP/1.1 server on 127.0.0.1 for tests: `…/chat/completions` and `…/embeddings`
/// answered like OpenAI (scripted per `X-DP-Prompt-Kind`), every request recorded, failures injectable.
///
/// A real server over real sockets (one thread per connection, keep-alive), so clients are tested over the
/// network as they run in production. Scripted in process (`enqueue`, `apply`, `setLatency`) or over HTTP by the
/// `dp-fake-openai` executable's clients: `POST /_control/script` (a `FakeScript`), `POST /_control/reset`,
/// `GET /_control/requests` (a `FakeRequestLog`), `POST /_control/latency` (`{"milliseconds": 300}`).
/// Call `stop()` when done: the server's threads keep it alive until then.
public final class FakeOpenAIServer: @unchecked Sendable {
    /// The port it listens on (chosen by the kernel when 0 was asked for).
    public let port: UInt16
    /// `http://127.0.0.1:<port>/v1`, the base URL to configure a client with.
    public var baseURL: String { "http://127.0.0.1:\(port)/v1" }

    /// The reply text of a chat request when nothing is scripted for it.
    public static let unscriptedReply = "{}"

    /// Longest time a `hang` holds a connection whose client never gives up.
    static let hangLimitSeconds = 600.0

    private let listener: FakeListeningSocket
    private let state = FakeOpenAIState()
    private let threads = DispatchGroup()
    private let lock = NSLock()
    private var stopping = false

    /// Starts listening on `127.0.0.1:port` (0: any free port) and serving at once.
    public init(port: UInt16 = 0) throws {
        listener = try FakeListeningSocket(port: port)
        self.port = listener.port
        threads.enter()
        Thread.detachNewThread { [self] in
            acceptLoop()
            threads.leave()
        }
    }

    /// Stops accepting (the port refuses connections afterwards), ends every connection (hanging ones included)
    /// and waits up to 5 s for the threads.
    public func stop() {
        lock.withLock { stopping = true }
        _ = threads.wait(timeout: .now() + 5)
        listener.stopListening()
    }

    private var isStopping: Bool { lock.withLock { stopping } }

    // MARK: - Scripting (in process)

    /// Appends answers for the next requests of `kind` (`default`, `embeddings`, or a prompt kind).
    public func enqueue(_ responses: [FakeResponse], kind: String = "default") {
        state.apply(FakeScript(queues: [kind: responses]))
    }

    /// The answer for `kind` whenever its queue is empty.
    public func setStanding(_ response: FakeResponse, kind: String = "default") {
        state.apply(FakeScript(standing: [kind: response]))
    }

    /// Applies a script as `POST /_control/script` does.
    public func apply(_ script: FakeScript) {
        state.apply(script)
    }

    /// A fixed wait before every answer on the OpenAI routes.
    public func setLatency(milliseconds: Int) {
        state.setLatency(milliseconds: milliseconds)
    }

    /// Forgets the script, the settings and the recorded requests.
    public func reset() {
        state.reset()
    }

    /// Every request received on the OpenAI routes, in arrival order.
    public var requests: [RecordedRequest] { state.requests }

    /// The most requests that were being answered at the same time.
    public var maxInFlight: Int { state.highestInFlight }

    /// The fake's token count of a text (about 4 characters a token), as reported in `usage`.
    public static func tokenCount(_ text: String) -> Int {
        max(1, (text.unicodeScalars.count + 3) / 4)
    }

    // MARK: - Serving

    private func acceptLoop() {
        while !isStopping {
            guard let descriptor = listener.accept(timeoutMilliseconds: 100) else { continue }
            threads.enter()
            Thread.detachNewThread { [self] in
                serve(FakeHTTPConnection(descriptor: descriptor, isStopping: { [weak self] in self?.isStopping ?? true }))
                threads.leave()
            }
        }
    }

    private func serve(_ connection: FakeHTTPConnection) {
        while true {
            switch connection.readRequest() {
            case .closed:
                return
            case .invalid(let reason):
                connection.write(FakeOpenAIResponder.error(400, reason, type: "invalid_request_error"), keepAlive: false)
                return
            case .request(let request):
                let keepAlive = request.keepAlive && !isStopping
                if request.target.hasPrefix("/_control/") {
                    connection.write(FakeControlRoutes.answer(request, state: state), keepAlive: keepAlive)
                } else if !answerAPI(request, on: connection, keepAlive: keepAlive) {
                    return
                }
                if !keepAlive { return }
            }
        }
    }

    /// Answers one request on the OpenAI routes; false when the connection must end (hang, disconnect, write error).
    private func answerAPI(_ request: FakeHTTPConnection.Request, on connection: FakeHTTPConnection, keepAlive: Bool) -> Bool {
        let path = String(request.target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0])
        state.enter(method: request.method, path: request.target, headers: request.headers, body: request.body)
        defer { state.leave() }
        let settings = state.settings
        let isChat = path.hasSuffix("/chat/completions")
        guard isChat || path.hasSuffix("/embeddings") else {
            return connection.write(FakeOpenAIResponder.error(404, "unknown path \(path)", type: "invalid_request_error"),
                                    keepAlive: keepAlive)
        }
        guard request.method == "POST" else {
            return connection.write(FakeOpenAIResponder.error(405, "use POST", type: "invalid_request_error"), keepAlive: keepAlive)
        }
        if let key = settings.requiredAPIKey, request.headers["authorization"] != "Bearer \(key)" {
            // Echoes what was sent, as some endpoints do: a client must never pass this on unmasked.
            let sent = request.headers["authorization"].map { String($0.dropFirst("Bearer ".count)) } ?? "(none)"
            return connection.write(FakeOpenAIResponder.error(401, "Incorrect API key provided: \(sent)",
                                                              type: "invalid_request_error"), keepAlive: keepAlive)
        }
        let promptKind = request.headers["x-dp-prompt-kind"].flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        let scripted = state.nextResponse(kind: isChat ? promptKind : "embeddings")
        pause(milliseconds: settings.latencyMilliseconds + (scripted?.delayMilliseconds ?? 0))
        let plan = isChat
            ? FakeOpenAIResponder.chat(request.body, scripted: scripted)
            : FakeOpenAIResponder.embeddings(request.body, scripted: scripted, dimension: settings.embeddingDimension,
                                             reversed: settings.reverseEmbeddings)
        switch plan {
        case .respond(let response):
            return connection.write(response, keepAlive: keepAlive)
        case .hang:
            connection.waitForClientToLeave(limit: Self.hangLimitSeconds)
            return false
        case .disconnect:
            return false
        }
    }

    /// Sleeps in short slices, so `stop()` is not held up by a long scripted latency.
    private func pause(milliseconds: Int) {
        let deadline = Date().addingTimeInterval(Double(milliseconds) / 1000)
        while !isStopping {
            let left = deadline.timeIntervalSinceNow
            if left <= 0 { return }
            Thread.sleep(forTimeInterval: min(left, 0.02))
        }
    }
}
