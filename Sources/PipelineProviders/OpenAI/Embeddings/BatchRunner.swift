import Foundation

/// Runs numbered jobs on up to `width` threads at once and returns their results in job order.
///
/// For blocking work (HTTP calls) from a blocking caller. The jobs run on threads of their own, not on GCD's global
/// queue: that pool is as wide as the machine has cores and adds a thread for blocked work only after about a
/// second, so on two cores three blocking batches ran two at a time (measured). After the first error no further
/// job starts, and that error is thrown once the running ones have ended.
enum BatchRunner {
    static func run<T: Sendable>(_ count: Int, width: Int, _ job: @escaping @Sendable (Int) throws -> T) throws -> [T] {
        if count == 0 { return [] }
        if count == 1 || width <= 1 {
            return try (0..<count).map(job)
        }
        let state = State<T>(count: count)
        let group = DispatchGroup()
        for _ in 0..<min(width, count) {
            group.enter()
            Thread.detachNewThread {
                while let number = state.next() {
                    do {
                        state.finish(number, with: .success(try job(number)))
                    } catch {
                        state.finish(number, with: .failure(error))
                    }
                }
                group.leave()
            }
        }
        group.wait()
        return try state.results()
    }

    /// The next job number, the results, and the first error, under one lock.
    private final class State<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var nextNumber = 0
        private let count: Int
        private var slots: [T?]
        private var firstError: Error?

        init(count: Int) {
            self.count = count
            self.slots = [T?](repeating: nil, count: count)
        }

        func next() -> Int? {
            lock.withLock {
                guard firstError == nil, nextNumber < count else { return nil }
                defer { nextNumber += 1 }
                return nextNumber
            }
        }

        func finish(_ number: Int, with result: Result<T, Error>) {
            lock.withLock {
                switch result {
                case .success(let value): slots[number] = value
                case .failure(let error): if firstError == nil { firstError = error }
                }
            }
        }

        func results() throws -> [T] {
            try lock.withLock {
                if let firstError { throw firstError }
                return slots.map { $0! }
            }
        }
    }
}
