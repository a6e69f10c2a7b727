import Foundation
import PipelineCore
import Postgres

/// A small blocking pool of state-database connections for objects shared by many threads (the training-data
/// store): at most `capacity` open, each used by one thread at a time, opened lazily, closed with the pool.
///
/// `PostgresConnection` is not `Sendable`; the pool is `@unchecked Sendable` because a connection only moves
/// between threads through the condition variable's lock, never while in use.
final class StateConnectionPool: @unchecked Sendable {
    private let url: String
    private let applicationName: String
    private let capacity: Int
    private let condition = NSCondition()
    private var idle: [PostgresConnection] = []
    /// Connections in existence: idle plus checked out.
    private var opened = 0

    init(url: String, applicationName: String, capacity: Int) {
        self.url = url
        self.applicationName = applicationName
        self.capacity = max(1, capacity)
    }

    /// Runs `body` on a pooled connection, waiting while all are busy. An unreachable database becomes
    /// `PipelineError.stateStoreUnavailable` (503).
    ///
    /// An idle connection can be stale (the server restarted) without libpq knowing; when `body` fails with a
    /// connection failure on a reused connection, it runs once more on a fresh one. `body` must therefore be safe to
    /// repeat: reads, or one transaction (which the failure rolled back).
    func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        do {
            var (connection, isFresh) = try checkOut(requireFresh: false)
            while true {
                do {
                    let value = try body(connection)
                    checkIn(connection)
                    return value
                } catch let error as PostgresError where error.isConnectionFailure && !isFresh {
                    discard()
                    (connection, isFresh) = try checkOut(requireFresh: true)
                } catch {
                    checkIn(connection)
                    throw error
                }
            }
        } catch let error as PostgresError where error.isConnectionFailure {
            throw PipelineError.stateStoreUnavailable
        }
    }

    /// An idle connection, or a new one when none is idle and there is room; blocks otherwise.
    private func checkOut(requireFresh: Bool) throws(PostgresError) -> (PostgresConnection, Bool) {
        condition.lock()
        while true {
            if !requireFresh, let connection = idle.popLast() {
                condition.unlock()
                if connection.isBad {
                    discard()
                    return try checkOut(requireFresh: true)
                }
                return (connection, false)
            }
            if opened < capacity { break }
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
            return (try PostgresConnection(url: url, applicationName: applicationName), true)
        } catch {
            discard()
            throw error
        }
    }

    /// Returns a connection for reuse, unless it is broken or was left inside a transaction.
    private func checkIn(_ connection: PostgresConnection) {
        guard !connection.isBad, connection.transactionStatus == .idle else {
            discard()
            return
        }
        condition.lock()
        idle.append(connection)
        condition.signal()
        condition.unlock()
    }

    /// Frees the slot of a connection that is being dropped (it closes when its last reference goes).
    private func discard() {
        condition.lock()
        opened -= 1
        condition.signal()
        condition.unlock()
    }
}
