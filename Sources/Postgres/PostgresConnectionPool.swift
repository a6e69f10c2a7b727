import Foundation

/// A small blocking pool of connections to one database: at most `capacity` open, each used by one thread at a
/// time, opened lazily and closed by `close()` or when the pool goes away. Used for business databases (step 1's
/// introspection, step 3's SQL validation) and for the state database's shared objects (the training-data store).
///
/// `PostgresConnection` is not `Sendable`; the pool is `@unchecked Sendable` because a connection only ever moves
/// between threads through the condition variable's lock, never while in use.
public final class PostgresConnectionPool: @unchecked Sendable {
    private let url: String
    private let applicationName: String
    private let startupOptions: String?
    private let capacity: Int
    /// Called before each new connection is opened (connecting sends one statement of its own).
    private let onConnect: @Sendable () -> Void
    /// Checks each new connection before first use; an error closes it and fails the checkout.
    private let verify: @Sendable (PostgresConnection) throws -> Void
    private let condition = NSCondition()
    private var idle: [PostgresConnection] = []
    /// Connections in existence: idle plus checked out.
    private var opened = 0
    /// Bumped by `close()`: a connection checked out before is closed when it comes back instead of kept.
    private var generation = 0

    public init(url: String, capacity: Int, applicationName: String, startupOptions: String? = nil,
                onConnect: @escaping @Sendable () -> Void = {},
                verify: @escaping @Sendable (PostgresConnection) throws -> Void = { _ in }) {
        self.url = url
        self.startupOptions = startupOptions
        self.verify = verify
        self.capacity = max(1, capacity)
        self.applicationName = applicationName
        self.onConnect = onConnect
    }

    /// Runs `body` on a pooled connection, waiting while all `capacity` connections are busy.
    ///
    /// After a connection-level failure (connecting, or `body` losing its connection) `body` runs again on a fresh
    /// connection: once for free when the failed connection was an idle one reused (it may simply be stale, the
    /// server having restarted since it was last used), and up to `retries` more times with a short pause, each
    /// reported to `onRetry`. Other errors are rethrown at once. `body` must therefore be safe to repeat; the
    /// callers only read, inside transactions that are rolled back.
    public func withConnection<T>(
        retries: Int = 0, onRetry: () -> Void = {}, _ body: (PostgresConnection) throws -> T
    ) throws -> T {
        var budget = max(0, retries)
        var staleRetryUsed = false
        var requireFresh = false
        while true {
            let lease: Lease
            do {
                lease = try checkOut(requireFresh: requireFresh)
            } catch {
                guard (error as? PostgresError)?.isConnectionFailure == true, budget > 0 else { throw error }
                budget -= 1
                onRetry()
                pause(afterRetry: retries - budget)
                continue
            }
            do {
                let value = try body(lease.connection)
                checkIn(lease)
                return value
            } catch let error as PostgresError where error.isConnectionFailure {
                discard()
                requireFresh = true
                if !lease.isFresh, !staleRetryUsed {
                    staleRetryUsed = true
                } else {
                    guard budget > 0 else { throw error }
                    budget -= 1
                    pause(afterRetry: retries - budget)
                }
                onRetry()
            } catch {
                checkIn(lease)
                throw error
            }
        }
    }

    /// Closes the idle connections now and those in use when they come back. The pool stays usable: a later
    /// `withConnection` opens new ones.
    public func close() {
        condition.lock()
        let closing = idle
        idle.removeAll()
        opened -= closing.count
        generation += 1
        condition.broadcast()
        condition.unlock()
        // The connections close (PQfinish) as the last reference goes: here, outside the lock.
        withExtendedLifetime(closing) {}
    }

    /// A checked-out connection; `isFresh` when it was opened for this use.
    private struct Lease {
        let connection: PostgresConnection
        let isFresh: Bool
        let generation: Int
    }

    /// An idle connection, or a new one when none is idle and there is room; blocks otherwise.
    private func checkOut(requireFresh: Bool) throws -> Lease {
        condition.lock()
        while true {
            if !requireFresh, let connection = idle.popLast() {
                let lease = Lease(connection: connection, isFresh: false, generation: generation)
                condition.unlock()
                if connection.isBad {
                    discard()
                    return try checkOut(requireFresh: true)
                }
                return lease
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
        let currentGeneration = generation
        condition.unlock()
        do {
            onConnect()
            let connection = try PostgresConnection(url: url, applicationName: applicationName, startupOptions: startupOptions)
            try verify(connection)
            return Lease(connection: connection, isFresh: true, generation: currentGeneration)
        } catch {
            discard()
            throw error
        }
    }

    /// Returns a connection for reuse, unless it is broken, left inside a transaction, or the pool was closed
    /// while it was out.
    private func checkIn(_ lease: Lease) {
        let connection = lease.connection
        guard !connection.isBad, connection.transactionStatus == .idle else {
            discard()
            return
        }
        condition.lock()
        guard lease.generation == generation else {
            condition.unlock()
            discard()
            return
        }
        idle.append(connection)
        condition.signal()
        condition.unlock()
    }

    /// Frees the slot of a connection that is being forgotten (it closes when the last reference goes).
    private func discard() {
        condition.lock()
        opened -= 1
        condition.signal()
        condition.unlock()
    }

    /// Gives a server that is restarting a moment: 100 ms after the first retry, 200 ms after the second, …
    private func pause(afterRetry retry: Int) {
        Thread.sleep(forTimeInterval: 0.1 * Double(min(retry, 10)))
    }
}
