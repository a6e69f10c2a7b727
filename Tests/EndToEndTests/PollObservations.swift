import Foundation

/// What the pollers of `ConsistencyStressTests` saw and what the database said, and the regressions among them.
/// Shared by the poller threads (one lock).
final class PollObservations: @unchecked Sendable {
    struct Seen {
        var version: Int
        var statusRank: Int
        var stepRanks: [String: Int]
    }

    private let lock = NSLock()
    /// Per poller: the last state seen of each task.
    private var lastSeen: [Int: [String: Seen]] = [:]
    /// (task, version, time) of every answer.
    private var answers: [(task: String, version: Int, at: Date)] = []
    /// (task, version, time) when the database checker first saw each version.
    private var database: [(task: String, version: Int, at: Date)] = []
    private var databaseLatest: [String: Int] = [:]
    private(set) var regressions: [String] = []
    private(set) var failures: [String] = []

    static func taskRank(_ status: String?) -> Int {
        switch status {
        case "pending": return 0
        case "in_progress": return 1
        default: return 2
        }
    }

    static func stepRank(_ status: String?) -> Int {
        switch status {
        case "pending": return 0
        case "running": return 1
        default: return 2
        }
    }

    /// One answer's view of one task, by one poller.
    func record(poller: Int, route: String, task: String, seen: Seen, at time: Date) {
        lock.lock()
        defer { lock.unlock() }
        answers.append((task, seen.version, time))
        if let last = lastSeen[poller]?[task] {
            var what: [String] = []
            if seen.version < last.version { what.append("version \(last.version) → \(seen.version)") }
            if seen.statusRank < last.statusRank { what.append("status rank \(last.statusRank) → \(seen.statusRank)") }
            for (step, rank) in seen.stepRanks where rank < last.stepRanks[step, default: 0] {
                what.append("\(step) rank \(last.stepRanks[step, default: 0]) → \(rank)")
            }
            if !what.isEmpty { regressions.append("poller \(poller) \(route) \(task): " + what.joined(separator: ", ")) }
            if seen.version < last.version { return }  // keep the newest state as the reference
        }
        lastSeen[poller, default: [:]][task] = seen
    }

    func fail(_ description: String) {
        lock.lock()
        failures.append(description)
        lock.unlock()
    }

    func recordDatabase(_ versions: [String: Int], at time: Date) {
        lock.lock()
        defer { lock.unlock() }
        for (task, version) in versions where version > databaseLatest[task, default: 0] {
            databaseLatest[task] = version
            database.append((task, version, time))
        }
    }

    var answerCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return answers.count
    }

    /// Per version the database showed: how long after the checker saw it the first answer showed it (or newer),
    /// in milliseconds, sorted. An answer earlier than the checker's 20 Hz look counts as 0.
    func lagsMilliseconds() -> [Double] {
        lock.lock()
        defer { lock.unlock() }
        var byTask: [String: [(version: Int, at: Date)]] = [:]
        for answer in answers { byTask[answer.task, default: []].append((answer.version, answer.at)) }
        var lags: [Double] = []
        for change in database {
            guard let first = byTask[change.task]?.filter({ $0.version >= change.version }).map(\.at).min() else { continue }
            lags.append(max(0, first.timeIntervalSince(change.at) * 1000))
        }
        return lags.sorted()
    }
}
