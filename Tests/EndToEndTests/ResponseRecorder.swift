import Foundation

/// Every response body the end-to-end tests received, so secrets can be searched for across the whole run.
final class ResponseRecorder: @unchecked Sendable {
    struct Entry {
        var request: String
        var status: Int
        var headers: [String: String]
        var body: Data
    }

    static let shared = ResponseRecorder()

    private let lock = NSLock()
    private var entries: [Entry] = []

    func record(_ entry: Entry) {
        lock.lock()
        entries.append(entry)
        lock.unlock()
    }

    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return entries.count
    }

    /// Entries recorded from index `start` on.
    func entries(from start: Int = 0) -> [Entry] {
        lock.lock()
        defer { lock.unlock() }
        return Array(entries[min(start, entries.count)...])
    }

    /// Requests (`METHOD path`) whose answer — body or a header value — contains one of `secrets`, with the secret
    /// itself left out of the description.
    func leaks(of secrets: [String], from start: Int = 0) -> [String] {
        let needles = secrets.filter { !$0.isEmpty }.map { Array($0.utf8) }
        var found: [String] = []
        for entry in entries(from: start) {
            let haystacks = [Array(entry.body)] + entry.headers.values.map { Array($0.utf8) }
            for (index, needle) in needles.enumerated() where haystacks.contains(where: { $0.containsBytes(needle) }) {
                found.append("\(entry.request) → \(entry.status) contains secret #\(index + 1)")
            }
        }
        return found
    }
}

extension Array where Element == UInt8 {
    /// Whether `needle` occurs as a contiguous byte sequence.
    func containsBytes(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return needle.isEmpty }
        let first = needle[0]
        var index = 0
        while index <= count - needle.count {
            if self[index] == first, Array(self[index..<(index + needle.count)]) == needle { return true }
            index += 1
        }
        return false
    }
}
