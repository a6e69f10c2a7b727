import Foundation

/// A thread-safe count of the SQL statements an introspector sent (connection set-up included).
final class StatementCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    /// The statements counted so far.
    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }

    /// Counts `statements` more.
    func add(_ statements: Int = 1) {
        lock.lock()
        count += statements
        lock.unlock()
    }
}
