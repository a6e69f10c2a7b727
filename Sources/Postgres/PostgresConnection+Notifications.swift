import CLibPQ
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `NOTIFY` received on a connection that `LISTEN`s.
public struct PostgresNotification: Sendable, Equatable {
    public let channel: String
    public let payload: String
    /// The server process (`pg_backend_pid()`) of the session that sent it: tells a connection its own apart.
    public var senderPID: Int32 = 0
}

extension PostgresConnection {
    /// Waits up to `timeoutMilliseconds` for notifications (after `LISTEN` ran on this connection) and returns
    /// those that arrived, possibly none. Throws a connection failure when the server went away, so the caller
    /// can reconnect and assume it missed notifications.
    public func waitForNotifications(timeoutMilliseconds: Int32) throws(PostgresError) -> [PostgresNotification] {
        var received = drainNotifications()
        guard received.isEmpty else { return received }
        let socket = PQsocket(handle)
        guard socket >= 0 else { throw connectionError() }
        var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, timeoutMilliseconds)
        if ready < 0, errno != EINTR { throw connectionError() }
        if ready > 0 {
            guard PQconsumeInput(handle) == 1 else { throw connectionError() }
            received = drainNotifications()
        }
        if PQstatus(handle) == CONNECTION_BAD { throw connectionError() }
        return received
    }

    /// This session's server process id (`pg_backend_pid()`).
    public var backendPID: Int32 { PQbackendPID(handle) }

    private func drainNotifications() -> [PostgresNotification] {
        var received: [PostgresNotification] = []
        while let notification = PQnotifies(handle) {
            let channel = String(cString: notification.pointee.relname)
            let payload = String(cString: notification.pointee.extra)
            let sender = notification.pointee.be_pid
            PQfreemem(notification)
            received.append(PostgresNotification(channel: channel, payload: payload, senderPID: sender))
        }
        return received
    }
}
