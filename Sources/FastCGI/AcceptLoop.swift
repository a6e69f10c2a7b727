import CFastCGI
import Glibc

/// One server thread's loop: wait for a connection with a request (`ConnectionPoller`) → `FCGX_Accept_r` reads
/// the request from it → handler → `FCGX_Finish_r` → a connection the web server keeps goes back to the poller.
/// The `FCGX_Request` never leaves this thread.
struct AcceptLoop {
    let threadIndex: Int
    let state: ServerState
    let poller: ConnectionPoller

    /// How long a thread waits before it looks at the server's state again (a stop wakes no thread by itself).
    private static let pollTimeoutMilliseconds: Int32 = 250

    /// Pause after an unexpected accept failure (EMFILE, ENOBUFS…), so a thread neither dies nor spins.
    private static let retryDelayMicroseconds: UInt32 = 100_000

    func run(handler: (FastCGIRequest) -> Void) {
        let request = UnsafeMutablePointer<FCGX_Request>.allocate(capacity: 1)
        request.initialize(to: FCGX_Request())
        defer {
            FCGX_Free(request, 1)
            request.deinitialize(count: 1)
            request.deallocate()
        }
        // No listening socket for libfcgi: connections are handed over ready to read, and libfcgi's own accept
        // (which it attempts after a malformed request) must fail at once instead of competing with ours.
        guard FCGX_InitRequest(request, -1, 0) == 0 else {
            StandardError.report("thread \(threadIndex): FCGX_InitRequest failed")
            return
        }
        while state.shouldServe(hasKeptConnections: poller.hasKeptConnections) {
            guard let (descriptor, isWatched) = nextConnection() else { continue }
            request.pointee.ipcFd = descriptor
            // FCGX_Accept_r starts by finishing the previous request, which would close the connection unless it is
            // kept; with the flag set it reads the next request from the connection handed over.
            request.pointee.keepConnection = 1
            // Below zero: no complete request on the connection; libfcgi has closed it.
            guard FCGX_Accept_r(request) >= 0 else { continue }
            let borrowed = FastCGIRequest(borrowing: request)
            handler(borrowed)
            borrowed.invalidate()
            // The web server may send its next request on this connection: whatever the handler left of this
            // request's body must be read now, or libfcgi takes it for the start of the next request (a protocol
            // error that closes the connection and loses that request).
            if request.pointee.keepConnection != 0 { discardUnreadBody(request.pointee.in) }
            // A kept connection stays open even when stopping: only the web server can close it without racing a
            // request it is sending (libfcgi's close would even read and drop that request). See ServerState.
            FCGX_Finish_r(request)
            // Still open: the web server asked to keep it (FCGI_KEEP_CONN); its next request may go to any thread.
            if request.pointee.ipcFd >= 0 {
                poller.keep(request.pointee.ipcFd, isWatched: isWatched)
                request.pointee.ipcFd = -1
            }
        }
    }

    /// Reads the request body to its end (an empty body: one call that finds the end record).
    private func discardUnreadBody(_ stream: UnsafeMutablePointer<FCGX_Stream>?) {
        guard let stream, FCGX_HasSeenEOF(stream) == 0 else { return }
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: Self.discardChunkSize) { buffer in
            while FCGX_GetStr(buffer.baseAddress, Int32(buffer.count), stream) > 0 {}
        }
    }

    private static let discardChunkSize = 16 * 1024

    /// The next connection with a request to read, and whether it is in the poller's set; nil for nothing yet.
    private func nextConnection() -> (descriptor: Int32, isWatched: Bool)? {
        switch poller.next(timeoutMilliseconds: Self.pollTimeoutMilliseconds) {
        case .nothing:
            return nil
        case .keptConnection(let descriptor):
            return (descriptor, true)
        case .newConnection:
            switch state.acceptConnection() {
            case .success(let descriptor):
                return (descriptor, false)
            case .failure(let failure):
                StandardError.report("thread \(threadIndex): accept failed (\(FastCGIError.reason(failure.errorNumber))), retrying")
                usleep(Self.retryDelayMicroseconds)
                return nil
            case nil:
                return nil
            }
        }
    }
}
