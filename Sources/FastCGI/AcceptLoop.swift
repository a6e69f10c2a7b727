import CFastCGI
import Glibc

/// One server thread's loop: `FCGX_Accept_r` → handler → `FCGX_Finish_r`, with an `FCGX_Request` that never
/// leaves this thread.
struct AcceptLoop {
    let listeningDescriptor: Int32
    let threadIndex: Int
    let state: ServerState

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
        guard FCGX_InitRequest(request, listeningDescriptor, 0) == 0 else {
            StandardError.report("thread \(threadIndex): FCGX_InitRequest failed")
            return
        }
        while state.enterAccept() {
            let result = FCGX_Accept_r(request)
            state.leaveAccept()
            if result < 0 {
                if state.isStopping { return }
                StandardError.report("thread \(threadIndex): FCGX_Accept_r failed (\(result)), retrying")
                usleep(Self.retryDelayMicroseconds)
                continue
            }
            // libfcgi accepts without SOCK_CLOEXEC. A fork in another thread between accept and this call can
            // still leak the descriptor; closing descriptors >= 3 in children covers that window.
            _ = fcntl(request.pointee.ipcFd, F_SETFD, FD_CLOEXEC)
            let borrowed = FastCGIRequest(borrowing: request)
            handler(borrowed)
            borrowed.invalidate()
            // A kept-alive connection would park this thread reading the next request on it, out of reach of the
            // listening socket's shutdown; once stopping, close it with this request.
            if state.isStopping { request.pointee.keepConnection = 0 }
            FCGX_Finish_r(request)
        }
    }
}
