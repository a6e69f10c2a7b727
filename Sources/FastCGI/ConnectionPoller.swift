import CFastCGI
import Glibc

/// Tells the server threads where the next request is: on a new connection waiting at the listening socket, or on
/// a kept-alive connection (FastCGI `FCGI_KEEP_CONN`) on which the web server sent another request. One epoll set
/// watches both, and whichever thread is free takes whichever is ready.
///
/// Why not libfcgi's own keep-alive: it leaves a kept connection with the thread that served it, blocked reading
/// the next request. With more web-server connections than threads, requests on the others then wait until a
/// kept one closes (measured: p99 1.2 s and timeouts, 32 connections on 32 threads). Here an idle connection costs
/// no thread, so the number of connections and of threads are independent.
final class ConnectionPoller: @unchecked Sendable {
    /// What a wait produced.
    enum Event {
        /// A new connection waits at the listening socket (accept it through `ServerState`).
        case newConnection
        /// A kept connection has a request to read; it is out of the set until it is kept again.
        case keptConnection(Int32)
        /// Nothing to serve (a timeout, or a kept connection the web server closed).
        case nothing
    }

    private let epoll: Int32
    private let listeningDescriptor: Int32
    /// The epoll tag of the listening socket; kept connections are tagged with their descriptor.
    private static let listenerTag = UInt64.max
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    /// Kept connections waiting in the set (not being served); closed by `closeIdleConnections`.
    private var idle: Set<Int32> = []
    private var watchesListener = true

    /// Watches `listeningDescriptor`, which it makes non-blocking: a thread that loses the race for a new
    /// connection must get EAGAIN, not block in accept while requests wait on kept connections.
    init(listeningDescriptor: Int32) throws(FastCGIError) {
        self.listeningDescriptor = listeningDescriptor
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
        epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epoll >= 0 else {
            throw FastCGIError(.socketUnavailable, "cannot create an epoll set: \(FastCGIError.reason(errno))")
        }
        let flags = fcntl(listeningDescriptor, F_GETFL)
        var event = epoll_event(events: EPOLLIN.rawValue, data: epoll_data_t(u64: Self.listenerTag))
        guard flags >= 0, fcntl(listeningDescriptor, F_SETFL, flags | O_NONBLOCK) == 0,
              epoll_ctl(epoll, EPOLL_CTL_ADD, listeningDescriptor, &event) == 0 else {
            let reason = FastCGIError.reason(errno)
            _ = close(epoll)
            throw FastCGIError(.socketUnavailable, "cannot watch the FastCGI socket: \(reason)")
        }
    }

    deinit {
        closeIdleConnections()
        _ = close(epoll)
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Waits up to `timeoutMilliseconds` for a new connection or a request on a kept one.
    func next(timeoutMilliseconds: Int32) -> Event {
        var event = epoll_event()
        guard epoll_wait(epoll, &event, 1, timeoutMilliseconds) == 1 else { return .nothing }
        if event.data.u64 == Self.listenerTag { return .newConnection }
        let descriptor = Int32(truncatingIfNeeded: event.data.u64)
        locked { _ = idle.remove(descriptor) }
        // Readable means a request or the end of the connection. Only a request goes to libfcgi: at the end of a
        // connection it would try to accept a new one itself.
        var byte: UInt8 = 0
        let peeked = recv(descriptor, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
        if peeked > 0 { return .keptConnection(descriptor) }
        if peeked < 0, errno == EAGAIN || errno == EINTR {
            keep(descriptor, isWatched: true)
        } else {
            _ = close(descriptor)
        }
        return .nothing
    }

    /// Puts a connection the web server keeps open into the set, to be handed out at its next request.
    /// `isWatched`: it came from the set (`keptConnection`), rather than from a new accept.
    func keep(_ descriptor: Int32, isWatched: Bool) {
        locked { _ = idle.insert(descriptor) }
        // One-shot: one thread wakes for its next request, and the connection stays out of the set until kept
        // again.
        var event = epoll_event(events: EPOLLIN.rawValue | EPOLLONESHOT.rawValue,
                                data: epoll_data_t(u64: UInt64(UInt32(bitPattern: descriptor))))
        if epoll_ctl(epoll, isWatched ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, descriptor, &event) != 0 {
            locked { _ = idle.remove(descriptor) }
            _ = close(descriptor)
        }
    }

    /// Whether kept connections wait in the set (a stopping server serves them for a while).
    var hasKeptConnections: Bool {
        locked { !idle.isEmpty }
    }

    /// Stops reporting new connections; called by `ServerState` before it closes the listening socket.
    func stopWatchingListener() {
        locked {
            guard watchesListener else { return }
            watchesListener = false
            _ = epoll_ctl(epoll, EPOLL_CTL_DEL, listeningDescriptor, nil)
        }
    }

    /// Closes the kept connections waiting in the set (at the end of the server's run).
    func closeIdleConnections() {
        let descriptors = locked { () -> Set<Int32> in
            defer { idle.removeAll() }
            return idle
        }
        for descriptor in descriptors { _ = close(descriptor) }
    }

    private func locked<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return body()
    }
}
