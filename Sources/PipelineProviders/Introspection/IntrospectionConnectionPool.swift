import Foundation
import Postgres

/// A small blocking pool of business-database connections: at most `capacity` open, each used by one thread at a
/// time, opened lazily and closed when the pool goes away.
///
/// `PostgresConnection` is not `Sendable`; the pool is `@unchecked Sendable` because a connection only ever moves
/// between threads through the condition variable's lock, never while in use.
final class IntrospectionConnectionPool: @unchecked Sendable {
    private let url: String
    private let capacity: Int
    private let counter: StatementCounter
    private let condition = NSCondition()
    private var idle: [PostgresConnection] = []
    /// Connections in existence: idle plus checked out.
    private var opened = 0

    init(url: String, capacity: Int, counter: StatementCounter) {
        self.url = url
        self.capacity = max(1, capacity)
        self.counter = counter
    }

    /// Runs `body` on a pooled connection, waiting while all `capacity` connections are busy.
    ///
    /// An idle connection can be stale (the server restarted since it was last used) without libpq knowing; when
    /// `body` fails with a connection failure on such a reused connection, it runs once more on a fresh one. `body`
    /// must therefore be safe to repeat (introspection only reads).
    func withConnection<T>(_ body: (CountedConnection) throws -> T) throws -> T {
        var (connection, isFresh) = try checkOut(requireFresh: false)
        while true {
            do {
                let value = try body(CountedConnection(connection, counter: counter))
                checkIn(connection)
                return value
            } catch let error as PostgresError where error.isConnectionFailure && !isFresh {
                discard(connection)
                (connection, isFresh) = try checkOut(requireFresh: true)
            } catch {
                checkIn(connection)
                throw error
            }
        }
    }

    /// An idle connection, or a new one when none is idle and there is room; blocks otherwise.
    private func checkOut(requireFresh: Bool) throws(PostgresError) -> (PostgresConnection, Bool) {
        condition.lock()
        while true {
            if !requireFresh, let connection = idle.popLast() {
                condition.unlock()
                if connection.isBad {
                    discard(connection)
                    return try checkOut(requireFresh: true)
                }
                return (connection, false)
            }
            if opened < capacity {
                break
            }
            if requireFresh, !idle.isEmpty {
                // Make room for the fresh connection by closing an idle one.
                idle.removeLast()
                opened -= 1
                continue
            }
            condition.wait()
        }
        opened += 1
        condition.unlock()
        do {
            // Connecting sends one statement of its own (the session's time zone and date style).
            counter.add()
            return (try PostgresConnection(url: url, applicationName: "dp-introspection"), true)
        } catch {
            condition.lock()
            opened -= 1
            condition.signal()
            condition.unlock()
            throw error
        }
    }

    /// Returns a connection for reuse, unless it is broken or left inside a transaction.
    private func checkIn(_ connection: PostgresConnection) {
        guard !connection.isBad, connection.transactionStatus == .idle else {
            discard(connection)
            return
        }
        condition.lock()
        idle.append(connection)
        condition.signal()
        condition.unlock()
    }

    /// Forgets a connection (it closes when the last reference goes) and frees its slot.
    private func discard(_ connection: PostgresConnection) {
        condition.lock()
        opened -= 1
        condition.signal()
        condition.unlock()
    }
}
