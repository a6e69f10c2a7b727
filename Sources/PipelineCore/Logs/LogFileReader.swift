import Foundation

/// Reads entries of a task's log file: all of them (for searches) or only the tail a caller needs.
public struct LogFileReader: Sendable {
    public let url: URL
    /// Bytes read per step when scanning backwards.
    static let chunkSize = 64 * 1024

    public init(url: URL) {
        self.url = url
    }

    /// Every entry, in file order, with line numbers. Lines before the first entry are dropped.
    public func allEntries() throws -> [LogEntry] {
        guard let data = FileManager.default.contents(atPath: url.path) else { return [] }
        var entries: [LogEntry] = []
        var lineNumber = 0
        for text in LogFileReader.lines(Array(data)) {
            lineNumber += 1
            if var entry = LogLineParser.parseHeader(text) {
                entry.lineNumber = lineNumber
                entries.append(entry)
            } else if !entries.isEmpty, !text.isEmpty {
                entries[entries.count - 1].message += "\n" + text
            }
        }
        return entries
    }

    /// The last `limit` entries (oldest first) whose level equals `level` when given, reading the file backwards
    /// only as far as needed, from its end or from the byte offset `end`. `hasMore` tells whether older entries were
    /// left unread or unmatched.
    public func tail(limit: Int, level: String? = nil, end: UInt64? = nil) throws -> (entries: [LogEntry], hasMore: Bool) {
        guard limit > 0, let handle = FileHandle(forReadingAtPath: url.path) else { return ([], false) }
        defer { try? handle.close() }
        var position = try handle.seekToEnd()
        if let end { position = min(position, end) }
        var carry: [UInt8] = []
        var pendingContinuation: [Substring] = []
        var newestFirst: [LogEntry] = []
        while position > 0 {
            let start = position > UInt64(LogFileReader.chunkSize) ? position - UInt64(LogFileReader.chunkSize) : 0
            try handle.seek(toOffset: start)
            var chunk = [UInt8](try handle.read(upToCount: Int(position - start)) ?? Data())
            chunk.append(contentsOf: carry)
            position = start
            // The bytes before the first newline may continue in the previous chunk (possibly in the middle of a
            // multi-byte character): keep them undecoded for the next round.
            if position > 0, let newline = chunk.firstIndex(of: 0x0A) {
                carry = Array(chunk[..<newline])
                chunk = Array(chunk[(newline + 1)...])
            } else if position > 0 {
                carry = chunk
                continue
            } else {
                carry = []
            }
            for text in LogFileReader.lines(chunk).reversed() {
                guard var entry = LogLineParser.parseHeader(text) else {
                    if !text.isEmpty { pendingContinuation.append(text) }
                    continue
                }
                if !pendingContinuation.isEmpty {
                    entry.message += "\n" + pendingContinuation.reversed().joined(separator: "\n")
                    pendingContinuation.removeAll()
                }
                if level == nil || entry.level == level {
                    if newestFirst.count == limit { return (newestFirst.reversed(), true) }
                    newestFirst.append(entry)
                }
            }
        }
        return (newestFirst.reversed(), false)
    }

    /// Lines split on LF bytes (a trailing CR dropped), each decoded on its own.
    static func lines(_ bytes: [UInt8]) -> [Substring] {
        bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            Substring(String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self))
        }
    }
}
