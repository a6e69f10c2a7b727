import CFastCGI
import Glibc

/// `FCGX_Init` must run exactly once per process; a global's lazy initialisation is thread-safe and runs once.
private let libraryInitialization: Int32 = FCGX_Init()

/// A threaded libfcgi responder: a fixed pool of plain threads, each looping accept → handler → finish.
///
/// A server runs once. Termination signals reach it only if `TerminationSignals.blockInCurrentThread()` was called
/// at the start of `main`; with several servers in one process a signal stops only one of them.
public final class FastCGIServer: Sendable {
    private let listen: FastCGIListenSource
    private let threadCount: Int
    private let state: ServerState

    /// How long a stopping server goes on serving requests that arrive on kept-alive connections, by default.
    ///
    /// Closing a kept connection from this side races with the web server sending the next request on it, and
    /// nginx does not retry a POST that failed that way (measured: 5-23 failed POSTs per restart under load). So a
    /// stopping server serves its kept connections until the web server has closed them all; nginx does that within
    /// its upstream `keepalive_time`/`keepalive_timeout` (3 s in nginx/dp-pipeline.server.conf.template), which must
    /// stay below this. Connections still open after it are closed.
    public static let defaultKeptConnectionDrainSeconds = 5.0

    /// Describes a server; nothing is opened until `run`.
    public init(listen: FastCGIListenSource, threadCount: Int,
                keptConnectionDrainSeconds: Double = FastCGIServer.defaultKeptConnectionDrainSeconds) {
        self.listen = listen
        self.threadCount = threadCount
        state = ServerState(keptConnectionDrainSeconds: keptConnectionDrainSeconds)
    }

    /// Serves until SIGTERM, SIGINT, SIGHUP or `stop()`, then finishes in-flight requests and returns.
    ///
    /// After the stop no new connection is accepted; requests still arriving on kept-alive connections are served
    /// until the web server has closed them, at most `keptConnectionDrainSeconds`.
    ///
    /// Each of the `threadCount` threads calls `makeHandler()` once, on that thread, so the handler may own
    /// thread-confined resources (a database connection). Throws if the socket cannot be opened or a thread
    /// cannot start. On return the socket file is removed if it is still the one this server bound.
    public func run(makeHandler: @escaping @Sendable () -> (FastCGIRequest) -> Void) throws {
        guard threadCount > 0 else {
            throw FastCGIError(.invalidConfiguration, "FastCGI thread count must be positive, got \(threadCount)")
        }
        guard state.claimStart() else {
            throw FastCGIError(.alreadyStarted, "this FastCGI server has already been started")
        }
        // Our threads inherit this mask, so only the signal thread below ever receives these signals.
        TerminationSignals.blockInCurrentThread()
        TerminationSignals.ignoreBrokenPipe()
        guard libraryInitialization == 0 else {
            throw FastCGIError(.libraryInitializationFailed, "FCGX_Init failed with \(libraryInitialization)")
        }
        let socket = try ListeningSocket.open(listen)
        let descriptor = socket.descriptor
        let poller = try ConnectionPoller(listeningDescriptor: descriptor)
        state.attach(socket, poller: poller)
        defer {
            poller.closeIdleConnections()
            state.closeListener()
        }

        let signalThread = try PosixThread.start { [state] in
            let signal = TerminationSignals.wait()
            // run() wakes this thread with SIGTERM once it is finished; requestStop then returns false.
            if state.requestStop(processIsTerminating: true) {
                StandardError.report("received signal \(signal), finishing in-flight requests")
            }
        }
        var acceptThreads: [PosixThread] = []
        var startFailure: FastCGIError?
        for index in 0..<threadCount {
            do {
                acceptThreads.append(try PosixThread.start { [state] in
                    AcceptLoop(threadIndex: index, state: state, poller: poller)
                        .run(handler: makeHandler())
                })
            } catch {
                startFailure = error
                state.requestStop()
                break
            }
        }
        for thread in acceptThreads {
            thread.join()
        }
        // The accept threads can also end on their own (e.g. FCGX_InitRequest failing); wake the signal thread
        // if it is still waiting. A thread-directed signal to an exited, unjoined thread is simply discarded.
        state.requestStop()
        signalThread.send(SIGTERM)
        signalThread.join()
        if let startFailure { throw startFailure }
    }

    /// Asks a running server to stop, like SIGTERM: no new connection is accepted, in-flight requests finish and
    /// kept-alive connections are served until the web server closes them (see `run`).
    ///
    /// Safe from any thread, including a handler; `run` then returns. Calling it before `run` makes `run` return
    /// as soon as the socket is open.
    public func stop() {
        state.requestStop()
    }
}
