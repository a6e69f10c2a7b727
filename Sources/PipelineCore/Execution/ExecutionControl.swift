import Foundation

/// Set when the run must stop (SIGTERM, a cancel request seen by the heartbeat, or a lost claim); steps check it
/// between units of work.
public final class CancellationToken: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false

    public init() {}

    public var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    public func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
    }

    /// Throws `ExecutionCancelled` when cancelled.
    public func check() throws {
        if isCancelled { throw ExecutionCancelled() }
    }
}

/// Thrown out of a step that stopped because the run was cancelled.
public struct ExecutionCancelled: Error, Sendable {
    public static let message = "已取消"
    public init() {}
}

/// The running step's progress, written by step threads and read by the heartbeat.
public final class ProgressBoard: @unchecked Sendable {
    private let lock = NSLock()
    private var current: StepProgress?

    public init() {}

    public var value: StepProgress? {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    public func start(_ step: StepName, total: Int) {
        lock.lock()
        current = StepProgress(step: step, done: 0, total: total)
        lock.unlock()
    }

    public func advance(by count: Int = 1) {
        lock.lock()
        current?.done += count
        lock.unlock()
    }

    public func clear() {
        lock.lock()
        current = nil
        lock.unlock()
    }
}

/// Runs `body` for every item on at most `maxConcurrency` threads (blocking I/O work: database and HTTP calls stay
/// off Swift's cooperative pool). Returns the results in item order.
public enum BoundedConcurrency {
    public static func map<Item: Sendable, Result: Sendable>(
        _ items: [Item], maxConcurrency: Int, _ body: @escaping @Sendable (Item) -> Result
    ) -> [Result] {
        let results = ResultSlots<Result>(count: items.count)
        let next = ResultSlots<Int>(count: 1)
        let workers = max(1, min(maxConcurrency, items.count))
        let group = DispatchGroup()
        for _ in 0..<workers {
            group.enter()
            let thread = Thread {
                while let index = next.takeNextIndex(limit: items.count) {
                    results.set(index, body(items[index]))
                }
                group.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        group.wait()
        return results.values
    }
}

extension BoundedConcurrency {
    /// Runs two independent pieces of blocking work at once (the second on a thread of its own) and returns both.
    public static func both<First: Sendable, Second: Sendable>(
        _ first: @escaping @Sendable () -> First, _ second: @escaping @Sendable () -> Second
    ) -> (First, Second) {
        let slot = ResultSlots<Second>(count: 1)
        let group = DispatchGroup()
        group.enter()
        let thread = Thread {
            slot.set(0, second())
            group.leave()
        }
        thread.stackSize = 1 << 20
        thread.start()
        let value = first()
        group.wait()
        return (value, slot.values[0])
    }
}

/// Thread-safe result slots for `BoundedConcurrency`.
final class ResultSlots<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Value?]
    private var cursor = 0

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ value: Value) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    func takeNextIndex(limit: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard cursor < limit else { return nil }
        cursor += 1
        return cursor - 1
    }

    var values: [Value] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0! }
    }
}
